//! Where a client transaction sends its request (and the ACK for a non-2xx):
//! libosip2's simplified RFC 3261 section 8.1.2 rule, fixed at creation.

/// Which part of the request gives the next hop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextHop {
    /// The first Route, when it is a loose router (`;lr`): its host and port.
    Route,
    /// The request-URI's `maddr` value, with the request-URI port.
    Maddr,
    /// eXosip's outbound hints `x-obr` (host) and `x-obp` (port).
    Outbound,
    /// The request-URI host and port.
    RequestUri,
}

/// What the request offers. Only parameters that carry a value count, except
/// `lr`, whose mere presence makes the route usable.
#[derive(Clone, Copy, Debug, Default)]
pub struct Offer {
    pub loose_route: bool,
    pub maddr: bool,
    pub outbound: bool,
}

/// A strict-routing first Route is ignored (the request-URI already points
/// at it); `maddr` beats the outbound hints, which beat the plain host.
pub fn choose(offer: Offer) -> NextHop {
    if offer.loose_route {
        NextHop::Route
    } else if offer.maddr {
        NextHop::Maddr
    } else if offer.outbound {
        NextHop::Outbound
    } else {
        NextHop::RequestUri
    }
}

/// The port of a URI: its port text read with `osip_atoi` semantics
/// (`parsed`), or 5060 when the URI has none.
pub fn uri_port(parsed: Option<i32>) -> i32 {
    parsed.unwrap_or(5060)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence() {
        let all = Offer {
            loose_route: true,
            maddr: true,
            outbound: true,
        };
        assert_eq!(choose(all), NextHop::Route);
        assert_eq!(
            choose(Offer {
                loose_route: false,
                ..all
            }),
            NextHop::Maddr
        );
        assert_eq!(
            choose(Offer {
                outbound: true,
                ..Offer::default()
            }),
            NextHop::Outbound
        );
        assert_eq!(choose(Offer::default()), NextHop::RequestUri);
    }

    #[test]
    fn default_port() {
        assert_eq!(uri_port(None), 5060);
        assert_eq!(uri_port(Some(5070)), 5070);
        assert_eq!(uri_port(Some(-1)), -1);
    }
}
