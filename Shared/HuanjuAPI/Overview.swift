/// # HuanjuAPI
///
/// Swift mirrors of every service's messages in `proto/` and the names of their methods:
/// the contract that services, `huanjuctl` and tests share. A service never imports
/// another service's code; it talks to it through these types over the wire.
///
/// Conventions: one `WireMessage` per proto message, properties in camelCase of the proto
/// fields; instants are `Instant` (an int64 of UTC Unix milliseconds on the wire, fields
/// named `*_ms`); money is `Int64` fen (fields named `*_fen`).
enum HuanjuAPIOverview {}
