//! Which addresses are internal: loopback, private, link-local, shared (CGNAT),
//! documentation and unspecified ones, in IPv4 and IPv6 (and IPv4 inside IPv6). The
//! server refuses to reach them on a member's behalf (a web capture, a webhook), so
//! that nobody makes it probe the machine or the network it runs in.

use std::net::IpAddr;

/// Whether `ip` is internal (see the module's documentation).
pub fn is_internal(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || o[0] == 0
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || v6.to_ipv4_mapped().is_some_and(|v4| is_internal(&IpAddr::V4(v4)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_recognised() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_internal(&internal.parse().unwrap()), "{internal}");
        }
        for public in ["8.8.8.8", "196.200.1.1", "2001:4860:4860::8888"] {
            assert!(!is_internal(&public.parse().unwrap()), "{public}");
        }
    }
}
