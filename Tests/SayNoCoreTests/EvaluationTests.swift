import Testing
@testable import SayNoCore

struct EvaluationTests {
  static let examples = """
    - text: "he wants 500 or he posts my pics"
      intents: [payment.demand]
      says: ["don't pay"]
    - text: "i want to die"
      intents: [crisis.suicide]
      never: ["are you safe"]
    """

  @Test func aboutAQuarterIsHeldOutAndTheChoiceNeverMoves() {
    let texts = (0..<2000).map { "message number \($0) about pics" }
    let heldOut = texts.filter(EvaluationSet.isHeldOut)
    #expect((400...600).contains(heldOut.count))
    #expect(texts.filter(EvaluationSet.isHeldOut) == heldOut)
  }

  @Test func messagesWrittenForTuningAreNeverHeldOut() throws {
    let lines = (0..<40).map { "- text: \"sample \($0) he has my nudes\"\n  intents: [threat.post]" }.joined(separator: "\n")
    let split = try EvaluationSet(files: [ContentFile(path: "situations.yaml", text: lines)])
    let tuning = try EvaluationSet(files: [], tuning: [ContentFile(path: "situations.yaml", text: lines)])
    #expect(split.examples.contains { $0.isHeldOut })
    #expect(!tuning.examples.contains { $0.isHeldOut })
  }

  @Test func messagesToTuneOnWithPatternsOnlyAreMeasuredApart() throws {
    func lines(_ name: String) -> String {
      (0..<40).map { "- text: \"\(name) \($0) he has my nudes\"\n  intents: [threat.post]" }.joined(separator: "\n")
    }
    let set = try EvaluationSet(
      files: [ContentFile(path: "eval/situations.yaml", text: lines("first"))],
      tuning: [
        ContentFile(path: "eval/tuning/round.yaml", text: lines("tuned")),
        ContentFile(path: "eval/patterns-only/round.yaml", text: lines("patterns")),
      ])
    let patternsOnly = set.examples.filter(\.isPatternsOnly)
    #expect(patternsOnly.count == 40)
    #expect(patternsOnly.allSatisfy { $0.location.file == "eval/patterns-only/round.yaml" && !$0.isHeldOut })
  }

  @Test func aMessageToTuneOnMustNotRepeatAHeldOutOne() throws {
    let heldOut = try #require((0..<100).map { "sample \($0) he has my nudes" }.first(where: EvaluationSet.isHeldOut))
    let kept = try #require((0..<100).map { "sample \($0) he has my nudes" }.first { !EvaluationSet.isHeldOut($0) })
    let original = ContentFile(path: "eval/situations.yaml", text: "- text: \"\(heldOut)\"\n  intents: [threat.post]\n")
    func tuning(_ text: String, after: String? = nil) -> [ContentFile] {
      let answer = after.map { "\n  after: \($0)" } ?? ""
      return [ContentFile(path: "eval/tuning/new.yaml", text: "- text: \"\(text)\"\n  intents: [threat.post]\(answer)\n")]
    }
    do {
      _ = try EvaluationSet(files: [original], tuning: tuning(heldOut.uppercased()))
      Issue.record("a held-out message repeated for tuning was accepted")
    } catch {
      #expect(error.errors.count == 1)
      #expect(error.errors.first?.file == "eval/tuning/new.yaml")
      #expect(error.errors.first?.message.contains("eval/situations.yaml:1") == true)
    }
    // The same words answering another question, or a message that is not held out, are fine.
    _ = try EvaluationSet(files: [original], tuning: tuning(heldOut, after: "payment.demand"))
    let notHeldOut = ContentFile(path: "eval/situations.yaml", text: "- text: \"\(kept)\"\n  intents: [threat.post]\n")
    _ = try EvaluationSet(files: [notHeldOut], tuning: tuning(kept))
  }

  @Test func aRightIntentWithAWrongReplyStillFails() throws {
    let set = try EvaluationSet(files: [ContentFile(path: "eval/mixed.yaml", text: Self.examples)])
    let evaluation = Evaluation(dialogue: try Fixture.dialogue())
    let outcomes = set.examples.map(evaluation.run)
    #expect(outcomes[1].decided == "crisis.suicide")
    #expect(outcomes[1].problems == ["the reply must never say 'are you safe'"])
    let report = evaluation.report(set.examples)
    #expect(report.crisisRecall == 1)
  }

  @Test func anAnswerLeadingWhereTheExpectedIntentLeadsIsUnderstood() throws {
    let picks = """
      - text: "1"
        after: payment.demand
        intents: [payment.paid]
      - text: "1"
        after: payment.demand
        intents: ["yes"]
      - text: "1"
        after: payment.demand
        intents: [payment.demand]
      - text: "yes"
        after: payment.demand
        intents: [payment.paid]
      """
    let set = try EvaluationSet(files: [], tuning: [ContentFile(path: "eval/tuning/picks.yaml", text: picks)])
    let outcomes = set.examples.map(Evaluation(dialogue: try Fixture.dialogue()).run)
    #expect(outcomes.map(\.decided) == ["payment.paid", "yes", "option", "payment.paid"])
    #expect(outcomes[2].problems == ["expected intent 'payment.demand', decided by 'option'"])
  }

  @Test func aMistakeInAnExampleNamesItsLine() {
    let broken = "- text: \"hi\"\n  intents: [steps]\n- intents: [steps]\n"
    #expect(throws: ContentErrors.self) { try EvaluationSet(files: [ContentFile(path: "eval/broken.yaml", text: broken)]) }
    do {
      _ = try EvaluationSet(files: [ContentFile(path: "eval/broken.yaml", text: broken)])
    } catch {
      #expect(error.description.contains("eval/broken.yaml:3"))
    }
  }
}
