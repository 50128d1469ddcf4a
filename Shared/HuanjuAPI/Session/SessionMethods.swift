/// Fully qualified method names of `huanju.session.v1.RoomSession`.
public enum SessionMethods {
    public static let service = "huanju.session.v1.RoomSession"
    public static let startBroadcast = "\(service)/StartBroadcast"
    public static let startTrialBroadcast = "\(service)/StartTrialBroadcast"
    public static let endBroadcast = "\(service)/EndBroadcast"
    public static let getBroadcast = "\(service)/GetBroadcast"
    public static let listBroadcasts = "\(service)/ListBroadcasts"
    public static let join = "\(service)/Join"
    public static let heartbeat = "\(service)/Heartbeat"
    public static let leave = "\(service)/Leave"
    public static let getRadar = "\(service)/GetRadar"
}
