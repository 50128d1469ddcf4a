@testable import ActivationService
import HuanjuDomain
import Testing

/// SetWebhook accepts http://HOST[:PORT][/PATH][?QUERY] and nothing looser: each refusal says
/// what is wrong.
@Suite struct WebhookURLTests {
    @Test(arguments: [
        ("http://hooks.example.com/huanju", "hooks.example.com", 80, "/huanju", "http://hooks.example.com/huanju"),
        ("HTTP://Hooks.Example.COM:8080/Huanju?k=A%20b", "hooks.example.com", 8080, "/Huanju?k=A%20b",
         "http://hooks.example.com:8080/Huanju?k=A%20b"),
        ("http://127.0.0.1:9000", "127.0.0.1", 9000, "/", "http://127.0.0.1:9000/"),
        ("http://[::1]:9000/h", "::1", 9000, "/h", "http://[::1]:9000/h"),
        ("http://[2001:DB8::7]/x", "2001:db8::7", 80, "/x", "http://[2001:db8::7]/x"),
        ("http://[::ffff:10.0.0.1]:1/x", "::ffff:10.0.0.1", 1, "/x", "http://[::ffff:10.0.0.1]:1/x"),
        ("http://proxy.internal:65535?to=acc", "proxy.internal", 65535, "/?to=acc", "http://proxy.internal:65535/?to=acc"),
        ("http://localhost:8080/a/b;c=d/@e:f/!$&'()*+,=-._~", "localhost", 8080, "/a/b;c=d/@e:f/!$&'()*+,=-._~",
         "http://localhost:8080/a/b;c=d/@e:f/!$&'()*+,=-._~"),
    ])
    func aWellFormedHTTPURLIsAcceptedWithItsParts(input: String, host: String, port: Int, target: String, text: String) throws {
        let url = try WebhookURL(input)
        #expect(url.host == host && url.port == port && url.target == target && url.text == text)
        // And what is stored reads back the same
        #expect(try WebhookURL(url.text) == url)
    }

    @Test(arguments: [
        ("", "SetWebhook needs a url: a webhook URL is http://HOST[:PORT]/PATH, e.g. http://hooks.example.com:8080/huanju"),
        ("https://hooks.example.com/x", """
            https URLs are not called directly: webhooks are sent over plain HTTP, so give the http:// address of a \
            TLS-originating proxy that forwards to your https endpoint (README, Webhooks)
            """),
        ("ftp://hooks.example.com/x",
         "the url must start with http://; a webhook URL is http://HOST[:PORT]/PATH, e.g. http://hooks.example.com:8080/huanju"),
        ("hooks.example.com/x",
         "the url must start with http://; a webhook URL is http://HOST[:PORT]/PATH, e.g. http://hooks.example.com:8080/huanju"),
        ("http:///x", "the url has no host; a webhook URL is http://HOST[:PORT]/PATH, e.g. http://hooks.example.com:8080/huanju"),
        ("http://:80/x", "the url has no host; a webhook URL is http://HOST[:PORT]/PATH, e.g. http://hooks.example.com:8080/huanju"),
        ("http://user:pw@hooks.example.com/x", """
            the url carries a user name or password (…@), which would be shown and logged: leave it out, requests are \
            authenticated by their Huanju-Signature
            """),
        ("http://hooks.example.com/x#top", "the url has a fragment (#…), which is never sent: leave it out"),
        ("http://hooks.example.com:0/x", "the url's port '0' is not a number from 1 to 65535"),
        ("http://hooks.example.com:65536/x", "the url's port '65536' is not a number from 1 to 65535"),
        ("http://hooks.example.com:/x", "the url's port '' is not a number from 1 to 65535"),
        ("http://hooks.example.com:8o/x", "the url's port '8o' is not a number from 1 to 65535"),
        ("http://hooks.example.com:+80/x", "the url's port '+80' is not a number from 1 to 65535"),
        ("http://hooks_example.com/x", """
            'hooks_example.com' in the url is not a host name: letters, digits and hyphens in dot-separated labels \
            (a non-ASCII name in its xn-- form), or an IP address
            """),
        ("http://-hooks.example.com/x", """
            '-hooks.example.com' in the url is not a host name: letters, digits and hyphens in dot-separated labels \
            (a non-ASCII name in its xn-- form), or an IP address
            """),
        ("http://hooks..example.com/x", """
            'hooks..example.com' in the url is not a host name: letters, digits and hyphens in dot-separated labels \
            (a non-ASCII name in its xn-- form), or an IP address
            """),
        ("http://例子.cn/x", """
            '例子.cn' in the url is not a host name: letters, digits and hyphens in dot-separated labels \
            (a non-ASCII name in its xn-- form), or an IP address
            """),
        ("http://256.1.1.1/x", "'256.1.1.1' in the url is not an IPv4 address (four numbers 0–255)"),
        ("http://10.0.1/x", "'10.0.1' in the url is not an IPv4 address (four numbers 0–255)"),
        ("http://010.0.0.1/x", "'010.0.0.1' in the url is not an IPv4 address (four numbers 0–255)"),
        ("http://[::1/x", "the url's IPv6 address has no closing ]"),
        ("http://[1::2::3]/x", "'1::2::3' in the url is not an IPv6 address"),
        ("http://[12345::1]/x", "'12345::1' in the url is not an IPv6 address"),
        ("http://[1:2:3:4:5:6:7]/x", "'1:2:3:4:5:6:7' in the url is not an IPv6 address"),
        ("http://[::1]x/y", "the url's IPv6 address must be followed by :PORT or the path"),
        ("http://hooks.example.com/a b", "the url's path or query has a space, which must be percent-encoded (e.g. %20 for a space)"),
        ("http://hooks.example.com/a\"b", "the url's path or query has '\"', which must be percent-encoded (e.g. %20 for a space)"),
        ("http://hooks.example.com/路径",
         "the url's path or query has a non-ASCII character, which must be percent-encoded (e.g. %20 for a space)"),
        ("http://hooks.example.com/a%2", "the url's path has a % not followed by two hexadecimal digits"),
        ("http://hooks.example.com/a%zz", "the url's path has a % not followed by two hexadecimal digits"),
    ])
    func anythingElseIsRefusedSayingWhy(input: String, refusal: String) {
        #expect(throws: DomainError.invalidArgument(refusal)) { try WebhookURL(input) }
    }

    @Test func aURLLongerThan2048BytesIsRefused() throws {
        let path = String(repeating: "a", count: 2048 - "http://h.example/".utf8.count)
        #expect(try WebhookURL("http://h.example/" + path).text.utf8.count == 2048)
        #expect(throws: DomainError.invalidArgument("the url is 2049 bytes long; at most 2048 are accepted")) {
            try WebhookURL("http://h.example/" + path + "a")
        }
    }
}
