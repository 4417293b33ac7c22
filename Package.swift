// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "SayNo",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "SayNoCore", targets: ["SayNoCore"]),
    .executable(name: "sayno", targets: ["sayno"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
  ],
  targets: [
    // Core library: content, understanding, conversation, bridge framing. No I/O.
    .target(
      name: "SayNoCore",
      dependencies: [.product(name: "Yams", package: "Yams")]),

    // The shipped Dialogues/, compiled into the binary so a lone copy of `sayno` still answers.
    .target(name: "SayNoContent", plugins: ["EmbedDialogues"]),
    .plugin(name: "EmbedDialogues", capability: .buildTool(), dependencies: ["dialogue-embedder"]),
    .executableTarget(name: "dialogue-embedder"),

    // Terminal edge: GNU readline, kept apart so it is easy to drop.
    .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
    .target(name: "LineEditing", dependencies: ["CReadline"]),

    // The executable: the only place that touches the terminal, files and descriptors.
    .executableTarget(
      name: "sayno",
      dependencies: [
        "SayNoCore", "SayNoContent", "LineEditing",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // Tests
    .testTarget(name: "SayNoCoreTests", dependencies: ["SayNoCore"]),
    .testTarget(name: "SayNoCLITests", dependencies: ["sayno"]),
  ]
)
