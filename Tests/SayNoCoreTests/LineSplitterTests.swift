import Testing
@testable import SayNoCore

struct LineSplitterTests {
  @Test func oneByteAtATime() {
    var splitter = LineSplitter(maxLength: 100)
    var lines: [InputLine] = []
    for byte in Array("hi\r\nthere\n\nend".utf8) { lines += splitter.push([byte]) }
    #expect(lines == [.text("hi"), .text("there"), .text("")])
    #expect(splitter.finish() == .text("end"))
    #expect(splitter.finish() == nil)
  }

  @Test func longLinesAreCutOffWithoutHoldingThem() {
    var splitter = LineSplitter(maxLength: 4)
    #expect(splitter.push(Array("abcdefgh\nok\n".utf8)) == [.tooLong, .text("ok")])
  }

  @Test func invalidUTF8IsReported() {
    var splitter = LineSplitter(maxLength: 100)
    #expect(splitter.push([0x68, 0xFF, 0x0A, 0x6F, 0x6B, 0x0A]) == [.invalidUTF8, .text("ok")])
  }

  @Test func multiByteCharactersSplitAcrossChunks() {
    var splitter = LineSplitter(maxLength: 100)
    let bytes = Array("né😭\n".utf8)
    var lines: [InputLine] = []
    for byte in bytes { lines += splitter.push([byte]) }
    #expect(lines == [.text("né😭")])
  }
}
