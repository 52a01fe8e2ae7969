import ArgumentParser

/// The `scenewright` command: serve the API, import catalogs, and generate content from the shell.
@main
struct Scenewright: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenewright",
        abstract: "Immersive film experiences: recommendations, staged VR/AR scenes, dialogue and museum tours.",
        discussion: """
            Start the server on the embedded sample catalog with `scenewright serve`, then open
            http://127.0.0.1:8080/v1/films. Every command that touches data takes --db PATH.
            """,
        subcommands: [ServeCommand.self, ImportCommand.self, FilmsCommand.self, RecommendCommand.self, StageCommand.self, DialogueCommand.self, TourCommand.self, RenderCommand.self, KeysCommand.self, EvaluateCommand.self])
}
