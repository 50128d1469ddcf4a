import ArgumentParser

/// `huanju-loadgen redis`: a redis-server on a Unix socket, doing the same admission with a
/// Lua check-and-add script (see `RedisDialect`).
struct RedisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redis",
        abstract: "Empty the Redis database, load the join script, then drive the same calls at Redis.")

    @OptionGroup var load: LoadOptions

    @Option(help: "The join script (Lua): KEYS[1] the room's set, ARGV[1] the viewer, ARGV[2] the limit; returns 1 admitted, 0 full.")
    var script = "Tests/Benchmarks/redis_join.lua"

    @Flag(help: "Send the script's text with every join (EVAL, as redis-benchmark does) instead of its SHA-1 (EVALSHA).")
    var eval = false

    func run() async throws {
        let text = try readTextFile(script)
        let admin = try RedisAdmin(socketPath: load.socket)
        _ = try admin.command(["FLUSHALL"])
        guard case .bulk(let sha?) = try admin.command(["SCRIPT", "LOAD", text]), sha.count == 40 else {
            throw ValidationError("Redis did not load \(script)")
        }
        let population = load.population()
        let dialect = RedisDialect(population: population, script: eval ? .text(text) : .sha(sha))
        let driver = LoadDriver(load: load, target: eval ? "redis-eval" : "redis", dialect: dialect)
        try await driver.run {
            var present = 0
            for room in 0..<population.rooms {
                present += Int(try admin.integer(["SCARD", RedisDialect.key(room: room)]))
            }
            return present
        }
    }
}
