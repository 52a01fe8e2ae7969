import ArgumentParser
import Foundation
import Studio

/// `scenewright keys create|list|revoke`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke API keys.",
        discussion: "Scopes: read (users' profiles, recommendations, personal content), author (also create users, post feedback, author museums and tours), admin (also delete and export users, read metrics). Only the SHA-256 of a key's secret is stored: a key is shown once, when it is created.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it (once).")
        @OptionGroup var data: DataOptions
        @Option(help: "A name to recognise the key by.")
        var name: String
        @Option(help: "read, author or admin.")
        var scope: APIScopeArgument

        func run() async throws {
            let created = try await data.openStudio().keys.createAPIKey(name: name, scope: scope.value)
            print(created.key)
            note("key \(created.info.id) (\(created.info.scope.rawValue)) created; store it now, it cannot be shown again")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (ids, names, scopes; never secrets).")
        @OptionGroup var data: DataOptions

        func run() async throws {
            let formatter = ISO8601DateFormatter()
            for key in try await data.openStudio().keys.apiKeys() {
                let state = key.revokedAt.map { "revoked \(formatter.string(from: $0))" } ?? "active"
                print("\(key.id)\t\(key.scope.rawValue)\t\(state)\t\(formatter.string(from: key.createdAt))\t\(key.name)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id.")
        @OptionGroup var data: DataOptions
        @Argument(help: "The key's id (the 12 characters after sw_).")
        var id: String

        func run() async throws {
            try await data.openStudio().keys.revokeAPIKey(id: id)
            note("key \(id) revoked")
        }
    }
}

enum APIScopeArgument: String, ExpressibleByArgument, CaseIterable {
    case read, author, admin
    var value: APIScope { APIScope(rawValue: rawValue)! }
}
