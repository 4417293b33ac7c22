@testable import SayNoCore

/// A small, complete content set written for the tests, so they do not move when the shipped content does.
enum Fixture {
  static let settings = """
    start: welcome
    fallback: not_understood
    crisis_check:
      - "Are you safe right now? If not, call {emergency}."
    crisis_check_someone_else:
      - "Is the person you are worried about safe right now? If not, call {emergency}."
    ask_country: "Which country are you in?"
    also_mentioned: "You also told me something else. It is in the list below."
    unreadable: "Sorry, I could not read that."
    too_long: "That is too long for me. Could you say it in a few words?"
    option_words: [option, number, the, one, please, st, nd, rd, th, i, guess]
    ordinals: [first, second, third]
    """

  static let texting = """
    u: you
    ur: your
    idk: i dont know
    im: i am
    pls: please
    atm: right now
    bitcoin atm: bitcoin machine
    """

  static let concepts = """
    negation: [not, no, never, didnt, dont, havent]
    images: [pics, pictures, nudes, photos, video]
    counted: [pics, nudes, more pics]
    trailing: [tbh]
    pay: [pay, paid, send money, sent money, sent him]
    post: [post, share, leak, send them]
    age:
      under18: ["13", "14", "15", "16", "17"]
      adult: ["18", "19", "20", "25"]
    """

  static let intents = """
    - intent: crisis.suicide
      tier: crisis
      goto: crisis
      patterns:
        - "want to die"
        - "cant do this anymore"
      samples:
        - "i just want to die"
        - "i cant do this anymore"
      not:
        - "i dont want to die"
    - intent: crisis.other
      tier: crisis
      goto: crisis.other
      patterns:
        - "kill himself|herself"
      samples:
        - "my friend wants to kill himself"
    - intent: payment.paid
      tier: payment
      goto: payment.paid
      offer: "I already paid"
      set: {paid: "yes"}
      patterns:
        - "i ... @pay"
        - "already @pay"
      samples:
        - "i already paid him 100"
      not:
        - "i didnt pay"
    - intent: payment.demand
      tier: payment
      goto: payment.demand
      offer: "They want money"
      patterns:
        - "wants #"
        - "@pay ... or ... @post"
      samples:
        - "he wants 500 or he posts my nudes"
    - intent: threat.post
      tier: general
      goto: threat
      offer: "They threaten to share my pics"
      patterns:
        - "@post ... my @images"
        - "threat*"
      samples:
        - "he will post my pics"
        - "hes threatening me"
    - intent: about.age
      tier: general
      goto: welcome
      set: {age: "@age"}
      patterns:
        - "i am @age"
      samples:
        - "im 14"
    - intent: "yes"
      tier: answer
      patterns:
        - "^ yes|yeah|yep"
      samples:
        - "yes"
    - intent: "no"
      tier: answer
      patterns:
        - "^ no|nope"
      samples:
        - "no"
    - intent: safe
      tier: general
      goto: safe
      patterns:
        - "i am safe"
      samples:
        - "im safe now"
    - intent: quit
      tier: general
      goto: goodbye
      patterns:
        - "^ quit $"
      samples:
        - "quit"
    """

  static let nodes = """
    - node: welcome
      say:
        - "Hi. I am a helper program, not a person. If you are in danger, call {emergency}."
      options:
        - label: "Someone wants money"
          goto: payment.demand
        - label: "I want to talk about something else"
          goto: not_understood
    - node: not_understood
      say:
        - "I am not sure I understood."
      options:
        - label: "Someone wants money"
          goto: payment.demand
    - node: payment.demand
      risk: elevated
      topic: payment
      say:
        - "That sounds frightening. Please don't pay."
      say_to:
        parent:
          - "Help your child not to pay."
      options:
        - label: "I already paid"
          goto: payment.paid
      on:
        "yes": payment.paid
    - node: payment.paid
      risk: elevated
      say:
        - "It is not your fault. Check whether the money was collected."
      options:
        - label: "What now?"
          goto: payment.demand
    - node: threat
      say:
        - "A threat like that is a crime."
      options:
        - label: "They want money"
          goto: payment.demand
    - node: crisis
      risk: high
      say:
        - "I am really glad you told me."
        - "{emergency}"
        - "{crisis}"
        - "Are you safe right now?"
      on:
        "yes": safe
        "no": crisis
    - node: crisis.other
      risk: high
      someone_else: true
      say:
        - "Call {emergency} if they are in danger."
        - "Are they safe right now?"
      on:
        "yes": safe.other
    - node: safe.other
      safe: true
      someone_else: true
      say:
        - "Glad they are safe."
      options:
        - label: "Someone wants money"
          goto: payment.demand
    - node: safe
      safe: true
      say:
        - "Thank you for telling me."
      options:
        - label: "Someone wants money"
          goto: payment.demand
    - node: goodbye
      end: true
      say:
        - "Take care."
    """

  static let gb = """
    country: GB
    name: the UK
    names: [uk, england, london]
    lines:
      - id: GB-1
        name: Police
        for: all
        does: [emergency, report]
        short: "999"
        say: "In an emergency, call 999."
        status: VERIFIED (copy)
        source: https://example.org/gb-1
        quote: "call 101 or 999"
      - id: GB-6
        name: Samaritans
        for: all
        does: [crisis, support]
        short: "Samaritans on 116 123"
        say: "Samaritans: call 116 123, free, any time."
        status: VERIFIED
        source: https://example.org/gb-6
        quote: "to call 116 123"
    """

  static let international = """
    country: ZZ
    name: your country
    names: []
    lines:
      - id: INT-7
        name: Emergency
        for: all
        does: [emergency]
        short: "your local emergency number"
        say: "In an emergency, call your local emergency number."
        status: VERIFIED (EU-1)
        source: shared/helplines.md INT-7
        quote: "the local emergency number"
      - id: INT-4
        name: Find A Helpline
        for: all
        does: [crisis, support]
        short: "findahelpline.com"
        say: "Find a crisis line near you at findahelpline.com."
        status: VERIFIED (copy)
        source: https://example.org/int-4
        quote: "find a verified crisis line"
    """

  static var files: [ContentFile] {
    [
      ContentFile(path: "settings.yaml", text: settings),
      ContentFile(path: "texting.yaml", text: texting),
      ContentFile(path: "concepts.yaml", text: concepts),
      ContentFile(path: "intents/all.yaml", text: intents),
      ContentFile(path: "nodes/all.yaml", text: nodes),
      ContentFile(path: "helplines/GB.yaml", text: gb),
      ContentFile(path: "helplines/international.yaml", text: international),
      ContentFile(path: "guards.yaml", text: guards),
    ]
  }

  static let guards = """
    negations: [dont, never, not, cant]
    phrases:
      payment: [just pay, buy a gift card]
      blame: [why did you]
      deleting: [delete the chat]
      confronting: [confront him]
    max_grade: 9
    catches:
      - "Why did you send them?"
    passes:
      - "Please don't just pay."
    """

  /// The fixture with one file's text changed, for the loader's error tests.
  static func files(replacing path: String, with text: String) -> [ContentFile] {
    files.map { $0.path == path ? ContentFile(path: path, text: text) : $0 }
  }

  static func dialogue() throws -> Dialogue { try Dialogue(files: files) }

  /// The fixture with one file's text changed.
  static func dialogue(replacing path: String, _ change: (String) -> String) throws -> Dialogue {
    let original = files.first { $0.path == path }?.text ?? ""
    return try Dialogue(files: files(replacing: path, with: change(original)))
  }
}
