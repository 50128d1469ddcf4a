/// gRPC's status codes, same names and numbers: `huanju.rpc.v1.StatusCode`, generated from
/// proto/rpc.proto. The one vocabulary of answers every layer speaks, hence the short name.
public typealias StatusCode = RPCV1.StatusCode
