import Synchronization

/// Room id → room, split into shards by the id's hash, each behind its own lock: a lookup on
/// the join path takes one shard's lock for one dictionary read, and callers on different
/// event loops rarely meet on the same shard.
struct RoomRegistry: Sendable {
    private final class Shard: Sendable {
        let rooms = Mutex<[String: Room]>([:])
    }

    private let shards: [Shard]

    /// A registry of `shardCount` shards (a power of two).
    init(shardCount: Int = 64) {
        precondition(shardCount > 0 && shardCount & (shardCount - 1) == 0, "shard count must be a power of two")
        shards = (0..<shardCount).map { _ in Shard() }
    }

    /// The room with `id`, if registered.
    func room(_ id: String) -> Room? {
        shard(of: id).rooms.withLock { $0[id] }
    }

    /// Registers `room` unless its id is taken; returns whether it was added.
    func add(_ room: Room) -> Bool {
        shard(of: room.id).rooms.withLock { rooms in
            guard rooms[room.id] == nil else { return false }
            rooms[room.id] = room
            return true
        }
    }

    /// Removes the room with `id` if `shouldRemove` says so (asked under the shard's lock);
    /// returns whether it was removed.
    func remove(_ id: String, if shouldRemove: (Room) -> Bool) -> Bool {
        shard(of: id).rooms.withLock { rooms in
            guard let room = rooms[id], shouldRemove(room) else { return false }
            rooms[id] = nil
            return true
        }
    }

    /// Every registered room, shard by shard (a copy: rooms added meanwhile may be missed).
    func all() -> [Room] {
        var all: [Room] = []
        for shard in shards {
            all.append(contentsOf: shard.rooms.withLock { Array($0.values) })
        }
        return all
    }

    private func shard(of id: String) -> Shard {
        shards[id.hashValue & (shards.count - 1)]
    }
}
