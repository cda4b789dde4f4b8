//! Where webhooks may go: public internet addresses only. A webhook URL is chosen by a
//! customer, and the POST leaves from inside our network, so without this check anyone could
//! make Vitrine reach loopback services, the private network or a cloud metadata endpoint
//! (server-side request forgery) and read the outcome back from `pingWebhook`.
//!
//! The check runs on the address actually connected to: a resolver that drops non-public
//! addresses (so a public name resolving to 127.0.0.1, or rebinding between registration and
//! delivery, gets nowhere), plus a check of IP-literal hosts, which reqwest connects to without
//! asking the resolver. Registration refuses the obvious cases early, with `BAD_USER_INPUT`.
//! `VITRINE_WEBHOOKS_ALLOW_PRIVATE` turns all of this off for development and tests.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use vitrine_kit::error::ApiError;

/// Whether `ip` is an ordinary public unicast address a webhook may be sent to.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let refused = a == 0                                  // "this network", 0.0.0.0 included
        || a == 10                                        // RFC 1918
        || a == 127                                       // loopback
        || (a == 100 && (64..128).contains(&b))           // CGNAT 100.64/10 (Alibaba metadata)
        || (a == 169 && b == 254)                         // link-local, 169.254.169.254 metadata
        || (a == 172 && (16..32).contains(&b))            // RFC 1918
        || (a == 192 && b == 0 && c == 0)                 // IETF assignments (192.0.0.192 metadata)
        || (a == 192 && b == 0 && c == 2)                 // documentation
        || (a == 192 && b == 88 && c == 99)               // 6to4 relays
        || (a == 192 && b == 168)                         // RFC 1918
        || (a == 198 && (18..20).contains(&b))            // benchmarking
        || (a == 198 && b == 51 && c == 100)              // documentation
        || (a == 203 && b == 0 && c == 113)               // documentation
        || a >= 224; // multicast 224/4, reserved 240/4, broadcast 255.255.255.255
    !refused
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    // Addresses that carry an IPv4 address are judged by it: mapped ::ffff:a.b.c.d,
    // compatible ::a.b.c.d (:: and ::1 included), NAT64 64:ff9b::a.b.c.d, 6to4 2002:ab:cd::.
    let embedded = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if s[..5] == [0; 5] && (s[5] == 0 || s[5] == 0xffff) {
        return s[5] == 0xffff && is_public_v4(embedded(s[6], s[7]));
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_public_v4(embedded(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return is_public_v4(embedded(s[1], s[2]));
    }
    let refused = (s[0] & 0xfe00) == 0xfc00               // unique local fc00::/7 (fd00:ec2::254)
        || (s[0] & 0xffc0) == 0xfe80                      // link-local fe80::/10
        || (s[0] & 0xffc0) == 0xfec0                      // site-local fec0::/10 (deprecated)
        || (s[0] & 0xff00) == 0xff00                      // multicast
        || (s[0] == 0x2001 && s[1] == 0)                  // Teredo: hides an IPv4 address
        || (s[0] == 0x2001 && s[1] == 0x0db8)             // documentation
        || s[..4] == [0x100, 0, 0, 0]; // discard-only 100::/64
    !refused
}

/// Registration: the URL's host must not name a non-public address or this machine. Names
/// are checked again when connecting (see [`PublicOnly`]); this only answers early.
pub fn check_registration(url: &url::Url, allow_private: bool) -> Result<(), ApiError> {
    if allow_private {
        return Ok(());
    }
    let refused = match url.host() {
        Some(url::Host::Ipv4(ip)) => !is_public_v4(ip),
        Some(url::Host::Ipv6(ip)) => !is_public_v6(ip),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        None => true,
    };
    if refused {
        return Err(ApiError::bad_input(
            "url must point to a public internet address, not loopback, private, link-local or \
             metadata addresses",
        ));
    }
    Ok(())
}

/// Sending: why a URL with an IP-literal host may not be contacted (the resolver never sees
/// those), or `None`.
pub fn refused_literal(url: &str, allow_private: bool) -> Option<String> {
    if allow_private {
        return None;
    }
    let ip = match url::Url::parse(url).ok()?.host()? {
        url::Host::Ipv4(ip) => IpAddr::V4(ip),
        url::Host::Ipv6(ip) => IpAddr::V6(ip),
        url::Host::Domain(_) => return None,
    };
    (!is_public(ip)).then(|| format!("refused: {ip} is not a public address"))
}

/// The system resolver, keeping only public addresses: the connection can only go where
/// [`is_public`] allows, whatever the DNS says at that moment.
#[derive(Debug, Default)]
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let host = name.as_str().to_string();
            let all: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = all.into_iter().filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(format!("refused: {host} resolves to no public address").into());
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrine_kit::error::ErrorCode;

    fn public(ip: &str) -> bool {
        is_public(ip.parse().unwrap())
    }

    #[test]
    fn ordinary_public_addresses_are_allowed() {
        for ip in [
            "8.8.8.8",
            "1.1.1.1",
            "93.184.216.34",
            "100.63.255.255",
            "100.128.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "192.167.1.1",
            "169.253.1.1",
            "223.255.255.255",
            "2606:4700:4700::1111",
            "2a00:1450:4001:82a::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(public(ip), "{ip}");
        }
    }

    #[test]
    fn loopback_private_link_local_and_other_special_addresses_are_refused() {
        for ip in [
            // IPv4: unspecified, "this network", loopback, RFC 1918, CGNAT, link-local and
            // metadata, IETF, documentation, benchmarking, multicast, reserved, broadcast.
            "0.0.0.0",
            "0.1.2.3",
            "127.0.0.1",
            "127.255.255.254",
            "10.0.0.1",
            "10.255.255.255",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.0.1",
            "192.168.255.255",
            "100.64.0.1",
            "100.127.255.255",
            "100.100.100.200",
            "169.254.0.1",
            "169.254.169.254",
            "192.0.0.192",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "198.18.0.1",
            "192.88.99.1",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            // IPv6: unspecified, loopback, unique local (AWS metadata fd00:ec2::254),
            // link-local, site-local, multicast, documentation, discard, Teredo.
            "::",
            "::1",
            "fc00::1",
            "fd00:ec2::254",
            "fdff:ffff::1",
            "fe80::1",
            "febf::1",
            "fec0::1",
            "ff02::1",
            "ff0e::1",
            "2001:db8::1",
            "100::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            // IPv6 carrying a refused IPv4 address: mapped, compatible, NAT64, 6to4.
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:10.0.0.1",
            "::ffff:0.0.0.0",
            "::127.0.0.1",
            "::8.8.8.8",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1",
            "2002:c0a8:101::1",
        ] {
            assert!(!public(ip), "{ip}");
        }
    }

    fn registration(url: &str, allow: bool) -> Option<ErrorCode> {
        check_registration(&url::Url::parse(url).unwrap(), allow)
            .err()
            .map(|e| e.code())
    }

    #[test]
    fn registration_refuses_literal_special_hosts_and_localhost() {
        for url in [
            "http://127.0.0.1:8080/hook",
            "http://127.1/hook",
            "http://2130706433/hook",
            "http://0x7f000001/hook",
            "http://0.0.0.0/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/hook",
            "http://[::1]/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://[fe80::1]/hook",
            "http://[fd00:ec2::254]/hook",
            "http://localhost:4000/graphql",
            "http://LOCALHOST./hook",
            "http://api.localhost/hook",
        ] {
            assert_eq!(registration(url, false), Some(ErrorCode::BadUserInput), "{url}");
            assert_eq!(registration(url, true), None, "{url} with the allowance");
        }
        for url in [
            "https://hooks.example.com/x",
            "http://8.8.8.8/x",
            "http://[2606:4700::1]/x",
        ] {
            assert_eq!(registration(url, false), None, "{url}");
        }
    }

    #[test]
    fn sending_refuses_literal_special_hosts() {
        assert!(refused_literal("http://127.0.0.1:9/hook", false).is_some());
        assert!(refused_literal("http://[::ffff:a9fe:a9fe]/", false).is_some());
        assert_eq!(refused_literal("http://127.0.0.1:9/hook", true), None);
        assert_eq!(refused_literal("http://8.8.8.8/hook", false), None);
        // Names go to the resolver, which filters what they resolve to.
        assert_eq!(refused_literal("http://localhost/hook", false), None);
    }

    #[tokio::test]
    async fn the_resolver_drops_non_public_addresses() {
        let err = PublicOnly
            .resolve("localhost".parse().unwrap())
            .await
            .err()
            .expect("localhost resolves to loopback only");
        assert!(err.to_string().contains("no public address"), "{err}");
    }
}
