/// # HuanjuAPI
///
/// The services' protocols — billing, activation, room-session — as Swift, generated from
/// `proto/` by `proto/tools/swiftgen.py` (`make proto`; never edited by hand): one namespace per
/// proto package (`BillingV1`, `ActivationV1`, `SessionV1`) with a value type per message, an
/// open enum per enum, and per service its method descriptors (access and metadata as proto/
/// declares them), a `Handler` protocol the service implements and a typed `Client`.
///
/// This is what services, `huanjuctl` and tests share. A service never imports another
/// service's code; it talks to it through these types over the wire. Conversions between
/// these wire types and the domain's types live in each service.
enum HuanjuAPIOverview {}
