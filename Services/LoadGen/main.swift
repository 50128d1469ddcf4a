print("huanju-loadgen: not built yet")
