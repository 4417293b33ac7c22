// swift-tools-version:6.1
import PackageDescription

/// `SAYNO_FUZZ=1 swift build --product sayno-fuzz` builds the libFuzzer target: the core is instrumented,
/// and only the fuzz target links libFuzzer (README, "Fuzzing").
let fuzzing = Context.environment["SAYNO_FUZZ"] != nil
let instrumented: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer"])] : []

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
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
  ],
  targets: [
    // Core library: content, understanding, conversation, bridge framing. No I/O.
    .target(
      name: "SayNoCore",
      dependencies: [.product(name: "Yams", package: "Yams")],
      swiftSettings: instrumented),

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
        .product(name: "Logging", package: "swift-log"),
      ]),

    // The benchmark: start-up, turn latency, bridge throughput, memory (README, "Benchmark").
    .executableTarget(name: "sayno-bench", dependencies: ["SayNoCore", "SayNoContent"]),

    // Fuzzing: replays a corpus when built normally; a libFuzzer target with -sanitize=fuzzer -DFUZZING.
    .executableTarget(
      name: "sayno-fuzz", dependencies: ["SayNoCore", "SayNoContent"],
      swiftSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer"]), .define("FUZZING")] : [],
      linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer", "-use-ld=lld"])] : []),

    // Tests
    .testTarget(name: "SayNoCoreTests", dependencies: ["SayNoCore"]),
    .testTarget(name: "SayNoCLITests", dependencies: ["sayno"]),
  ]
)
