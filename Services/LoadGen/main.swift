// `huanju-loadgen`: the viewer-path load generator of `make bench` (see LoadGenCommand).
//
// main.swift is top-level code, where `@main` cannot be used; top-level calls would pick
// ArgumentParser's synchronous overloads, hence the async function.

import ArgumentParser

/// Parses the command line and runs the chosen subcommand.
func runLoadGen() async {
    do {
        var command = try LoadGenCommand.parseAsRoot()
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    } catch {
        LoadGenCommand.exit(withError: error)
    }
}

await runLoadGen()
