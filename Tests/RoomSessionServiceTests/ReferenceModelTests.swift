import HuanjuDomain
import Testing

@testable import RoomSessionService

/// The presence engine against the rulebook's reference model (`RoomPresence` in the domain
/// library, RULES §7): the same seeded random sequences of joins, heartbeats, leaves and time
/// passing must get the same answers — admitted or refused, present or gone, the same count
/// and peak — from the engine's compact, concurrent tables as from the plain model.
@Suite("RULES §7 — the engine agrees with the reference model")
struct ReferenceModelTests {
    enum Step {
        case join(Int)
        case heartbeat(Int)
        case leave(Int)
        case wait(TimeSpan)
    }

    /// `count` random steps over `viewers` viewer numbers (seeded: a failure replays).
    static func steps(seed: UInt64, count: Int, viewers: Int) -> [Step] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let viewer = Int(random.next() % UInt64(viewers))
            switch random.next() % 10 {
            case 0...4: return .join(viewer)
            case 5...6: return .heartbeat(viewer)
            case 7: return .leave(viewer)
            default: return .wait(.milliseconds(Int64(random.next() % 40_000)))
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 42, 2020])
    func theEngineAnswersEveryStepAsTheModelDoes(seed: UInt64) throws {
        let limit = 25
        let engine = try engineWithRoom(limit: limit)
        var model = RoomPresence(limit: limit)
        var now = broadcastStart
        for (index, step) in Self.steps(seed: seed, count: 3_000, viewers: 60).enumerated() {
            let context = "seed \(seed), step \(index): \(step)"
            switch step {
            case .join(let number):
                let modelAnswer = Result { () throws(DomainError) in try model.join(wx(number), at: now) }
                let engineAnswer = Result { () throws(DomainError) in try engine.join(room: "room-1", viewer: wx(number), now: now) }
                switch (modelAnswer, engineAnswer) {
                case (.success(let admission), .success(let outcome)):
                    #expect(admission == outcome.admission, "\(context)")
                    #expect(outcome.presentCount == model.presentCount, "\(context)")
                case (.failure(let expected), .failure(let got)):
                    #expect(expected.code == got.code, "\(context)")
                default:
                    Issue.record("\(context): model \(modelAnswer), engine \(engineAnswer)")
                }
            case .heartbeat(let number):
                let modelAnswer = Result { () throws(DomainError) in try model.heartbeat(wx(number), at: now) }
                let engineAnswer = Result { () throws(DomainError) in try engine.heartbeat(room: "room-1", viewer: wx(number), now: now) }
                switch (modelAnswer, engineAnswer) {
                case (.success, .success): break
                case (.failure(let expected), .failure(let got)): #expect(expected.code == got.code, "\(context)")
                default: Issue.record("\(context): model \(modelAnswer), engine \(engineAnswer)")
                }
            case .leave(let number):
                model.expire(at: now)
                let wasPresent = model.leave(wx(number))
                let outcome = try engine.leave(room: "room-1", viewer: wx(number), now: now)
                #expect(outcome.wasPresent == wasPresent, "\(context)")
            case .wait(let span):
                now = now + span
            }
            model.expire(at: now)
            let snapshot = try engine.snapshot(room: "room-1", now: now)
            #expect(snapshot.presentCount == model.presentCount, "\(context)")
            #expect(snapshot.peakConcurrent == model.peak, "\(context)")
            if snapshot.presentCount != model.presentCount { return }   // one divergence is enough to read
        }
    }
}

/// SplitMix64, seeded.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
