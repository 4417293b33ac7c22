import ArgumentParser
import Foundation
import SayNoCore

/// Measures understanding on the labelled evaluation set, held-out and tuned parts apart.
struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Evaluate recognition and first replies on labelled messages; ends with 'N passed, N failed'.")

  @OptionGroup var content: ContentOptions

  @Argument(help: "Evaluation files or folders (default: Dialogues/eval).")
  var paths: [String] = []

  @Flag(help: "List every failing example, not only the first 20.")
  var all = false

  @Flag(help: "Also list the held-out part's failures (for reporting; never tune on them).")
  var showHeldOut = false

  @Option(help: "Fail when the tuned part's intent accuracy falls below this percentage (for CI: keeps what tuning won).")
  var minTunedAccuracy: Double?

  @Option(help: "Fail when crisis recall falls below this percentage in the tuned part or the patterns-only part.")
  var minTunedCrisisRecall: Double?

  @Option(help: "Fail when the tuned part's payment recall falls below this percentage.")
  var minTunedPaymentRecall: Double?

  @Option(help: "Fail when the tuned part's crisis false positives rise above this percentage.")
  var maxTunedCrisisFalsePositives: Double?

  @Option(help: "Fail when the patterns-only part's intent accuracy falls below this percentage.")
  var minPatternsOnlyAccuracy: Double?

  @Option(help: "Fail when the patterns-only part's payment recall falls below this percentage.")
  var minPatternsOnlyPaymentRecall: Double?

  /// The targets, on the held-out quarter.
  static let targets = (crisisRecall: 1.0, crisisFalsePositives: 0.02, paymentRecall: 0.98, accuracy: 0.95)

  func run() throws {
    let folder = content.dialogues ?? Test.defaultFolder
    let dialogue = try ContentFolder.dialogue(from: folder)
    let targets = paths.isEmpty ? [(folder ?? "Dialogues") + "/eval"] : paths
    let urls = targets.flatMap { path -> [URL] in
      let url = URL(fileURLWithPath: path).standardizedFileURL
      return url.pathExtension == "yaml" ? [url] : ContentFolder.walk(url).filter { $0.pathExtension == "yaml" }
    }
    guard !urls.isEmpty else { throw ValidationError("no evaluation files in \(targets.joined(separator: ", "))") }
    func read(_ url: URL) throws -> ContentFile {
      ContentFile(path: Test.displayPath(url), text: try String(contentsOf: url, encoding: .utf8))
    }
    // Decided on the whole path, so that a file keeps its part wherever eval is run from.
    let isTuning = { (url: URL) in EvaluationSet.isForTuning(folder: url.deletingLastPathComponent().pathComponents) }
    let files = try urls.filter { !isTuning($0) }.map(read)
    let tuning = try urls.filter(isTuning).map(read)
    let set: EvaluationSet
    do {
      set = try EvaluationSet(files: files, tuning: tuning)
    } catch {
      Output.standardError(error.description + "\n")
      throw ExitCode.failure
    }
    let evaluation = Evaluation(dialogue: dialogue)
    let heldOut = evaluation.report(set.examples.filter(\.isHeldOut))
    let tuned = evaluation.report(set.examples.filter { !$0.isHeldOut && !$0.isPatternsOnly })
    let patternsOnly = evaluation.report(set.examples.filter(\.isPatternsOnly))
    print(describe(tuned, title: "tuned part"))
    if !patternsOnly.outcomes.isEmpty {
      print(describe(patternsOnly, title: "patterns-only part (tuned on with patterns, not learnt as examples)"))
    }
    print(describe(heldOut, title: "held-out part (never tuned on)"))

    let failures = (heldOut.outcomes + tuned.outcomes + patternsOnly.outcomes).filter { !$0.passed }
      .sorted { ($0.example.location.file, $0.example.location.line) < ($1.example.location.file, $1.example.location.line) }
    // Only the tuned part's failures are shown unless asked: whoever tunes must never see the held-out messages.
    let shown = showHeldOut ? failures : failures.filter { !$0.example.isHeldOut }
    if !showHeldOut && shown.count < failures.count {
      print("(\(failures.count - shown.count) held-out failures not shown; --show-held-out lists them, but never tune on them)")
    }
    for outcome in all ? shown[...] : shown.prefix(20) {
      print("\(outcome.example.location): '\(outcome.example.text)': \(outcome.problems.joined(separator: "; "))")
    }
    if !all && shown.count > 20 { print("… and \(shown.count - 20) more (--all lists them)") }

    let missed = missedTargets(heldOut)
    for target in missed { print("target missed on the held-out part: \(target)") }
    let fallen = fallenFloors(tuned, patternsOnly: patternsOnly)
    for floor in fallen { print("fell below its floor: \(floor)") }
    let passed = set.examples.count - failures.count
    print("\(passed) passed, \(failures.count) failed")
    // With floors given (as CI does), they alone decide: the held-out targets are not yet met, and a
    // run that always fails would stop every change. Without floors, the held-out targets decide.
    if hasFloors ? !fallen.isEmpty : !missed.isEmpty { throw ExitCode.failure }
  }

  var hasFloors: Bool {
    minTunedAccuracy != nil || minTunedCrisisRecall != nil || minTunedPaymentRecall != nil
      || maxTunedCrisisFalsePositives != nil || minPatternsOnlyAccuracy != nil || minPatternsOnlyPaymentRecall != nil
  }

  /// The floors each part fell below. A crisis missed is a defect in either part; the other floors of the
  /// patterns-only part are its own, since most of its messages fail by design.
  func fallenFloors(_ tuned: Evaluation.Report, patternsOnly: Evaluation.Report) -> [String] {
    var fallen: [String] = []
    func below(_ part: String, _ name: String, _ value: Double, _ floor: Double?) {
      if let floor, value * 100 < floor - 1e-9 { fallen.append("\(part): \(name) \(percent(value)) < \(floor)%") }
    }
    below("tuned part", "intent accuracy", tuned.accuracy, minTunedAccuracy)
    below("tuned part", "crisis recall", tuned.crisisRecall, minTunedCrisisRecall)
    below("tuned part", "payment recall", tuned.paymentRecall, minTunedPaymentRecall)
    if let ceiling = maxTunedCrisisFalsePositives, tuned.crisisFalsePositiveRate * 100 > ceiling + 1e-9 {
      fallen.append("tuned part: crisis false positives \(percent(tuned.crisisFalsePositiveRate)) > \(ceiling)%")
    }
    below("patterns-only part", "intent accuracy", patternsOnly.accuracy, minPatternsOnlyAccuracy)
    below("patterns-only part", "crisis recall", patternsOnly.crisisRecall, minTunedCrisisRecall)
    below("patterns-only part", "payment recall", patternsOnly.paymentRecall, minPatternsOnlyPaymentRecall)
    return fallen
  }

  func missedTargets(_ report: Evaluation.Report) -> [String] {
    var missed: [String] = []
    if report.crisisRecall < Self.targets.crisisRecall { missed.append("crisis recall \(percent(report.crisisRecall)) < 100%") }
    if report.crisisFalsePositiveRate > Self.targets.crisisFalsePositives {
      missed.append("crisis false positives \(percent(report.crisisFalsePositiveRate)) > 2%")
    }
    if report.paymentRecall < Self.targets.paymentRecall { missed.append("payment recall \(percent(report.paymentRecall)) < 98%") }
    if report.accuracy < Self.targets.accuracy { missed.append("intent accuracy \(percent(report.accuracy)) < 95%") }
    return missed
  }

  func describe(_ report: Evaluation.Report, title: String) -> String {
    var out = "== \(title): \(report.outcomes.count) messages\n"
    out += "intent accuracy \(percent(report.accuracy)), crisis recall \(percent(report.crisisRecall)), "
    out += "crisis false positives \(percent(report.crisisFalsePositiveRate)), payment recall \(percent(report.paymentRecall))\n"
    out += "replies that help: \(report.outcomes.filter(\.passed).count) of \(report.outcomes.count)\n"
    out += "intent".padding(toLength: 28, withPad: " ", startingAt: 0) + " precision  recall  support\n"
    for score in report.scores {
      let support = score.truePositives + score.falseNegatives
      out += score.intent.padding(toLength: 28, withPad: " ", startingAt: 0)
      out += " " + percent(score.precision).leftPadded(9) + " " + percent(score.recall).leftPadded(7) + " " + "\(support)".leftPadded(8) + "\n"
    }
    out += "costliest confusions (expected → decided):\n"
    for confusion in report.confusions.prefix(10) {
      out += "  \(confusion.count)× \(confusion.expected) → \(confusion.decided)\n"
    }
    out += "decided by (messages, and how many got the expected intent):\n"
    for rule in report.decidedBy {
      out += "  " + "\(rule.count)".leftPadded(6) + "  " + percent(Double(rule.right) / Double(rule.count)).leftPadded(6) + " right  \(rule.rule.rawValue)\n"
    }
    return out
  }

  func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}

extension String {
  func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
