//! The four kinds of transaction, as the rest of the core names them.

/// ICT, IST, NICT or NIST. Also the index of the kind's kill and
/// transport-error callbacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Ict = 0,
    Ist = 1,
    Nict = 2,
    Nist = 3,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Ict, Kind::Ist, Kind::Nict, Kind::Nist];

    /// How libosip2 reads a transaction's `ctx_type`: any value other than
    /// ICT, IST or NICT behaves as NIST.
    pub fn from_ctx_type(ctx_type: i32) -> Kind {
        match ctx_type {
            0 => Kind::Ict,
            1 => Kind::Ist,
            2 => Kind::Nict,
            _ => Kind::Nist,
        }
    }

    /// `ctx_type` values `osip_remove_transaction` accepts (it rejects
    /// unknown ones instead of treating them as NIST).
    pub fn from_ctx_type_strict(ctx_type: i32) -> Option<Kind> {
        match ctx_type {
            0..=3 => Some(Kind::from_ctx_type(ctx_type)),
            _ => None,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_client(self) -> bool {
        matches!(self, Kind::Ict | Kind::Nict)
    }

    pub fn is_invite(self) -> bool {
        matches!(self, Kind::Ict | Kind::Ist)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ctx_types_are_nist_except_for_removal() {
        assert_eq!(Kind::from_ctx_type(0), Kind::Ict);
        assert_eq!(Kind::from_ctx_type(2), Kind::Nict);
        assert_eq!(Kind::from_ctx_type(7), Kind::Nist);
        assert_eq!(Kind::from_ctx_type(-1), Kind::Nist);
        assert_eq!(Kind::from_ctx_type_strict(3), Some(Kind::Nist));
        assert_eq!(Kind::from_ctx_type_strict(7), None);
        assert_eq!(Kind::from_ctx_type_strict(-1), None);
    }
}
