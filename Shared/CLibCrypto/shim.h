/* The system's libcrypto (OpenSSL 3, Debian's libssl-dev): SHA-256 and HMAC for stored
   secrets and signatures, and a constant-time comparison. */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
