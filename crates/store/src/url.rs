//! Canonical URLs, so that one page reached through tracking links, `www.` or a fragment is
//! recognised as one article.

/// The form of `url` used for duplicate detection: scheme and host lowercased, a leading `www.`
/// and a default port dropped, the fragment and `utm_*` query parameters removed, a trailing
/// slash trimmed. Path and other query parameters keep their case (servers may tell them
/// apart). Text that is not an absolute URL is only trimmed.
///
/// ```
/// use wiretrace_store::canonical_url;
/// assert_eq!(
///     canonical_url("https://WWW.Example.com/a/?utm_source=x#top"),
///     "https://example.com/a"
/// );
/// ```
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let scheme_ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return url.to_string();
    }
    let scheme = scheme.to_ascii_lowercase();

    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let (before_query, query) = match rest.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    let (userinfo, host) = match authority.rsplit_once('@') {
        Some((user, host)) => (Some(user), host),
        None => (None, authority),
    };
    let mut host = host.to_lowercase();
    if let Some(stripped) = host.strip_prefix("www.") {
        host = stripped.to_string();
    }
    let default_port = match scheme.as_str() {
        "http" => Some(":80"),
        "https" => Some(":443"),
        _ => None,
    };
    if let Some(port) = default_port {
        if let Some(stripped) = host.strip_suffix(port) {
            host = stripped.to_string();
        }
    }

    let mut out = scheme;
    out.push_str("://");
    if let Some(user) = userinfo {
        out.push_str(user);
        out.push('@');
    }
    out.push_str(&host);
    out.push_str(path.trim_end_matches('/'));
    let kept: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|param| !param.is_empty() && !is_tracking_param(param))
        .collect();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out
}

fn is_tracking_param(param: &str) -> bool {
    param.get(..4).is_some_and(|prefix| prefix.eq_ignore_ascii_case("utm_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_www_fragment_and_slash_are_ignored() {
        let plain = canonical_url("https://example.com/a");
        for variant in [
            "https://WWW.Example.com/a/?utm_source=x#top",
            "HTTPS://example.com/a/",
            "https://example.com:443/a?UTM_medium=feed&utm_campaign=spring",
            "  https://www.example.com/a#comments ",
        ] {
            assert_eq!(canonical_url(variant), plain, "{variant}");
        }
    }

    #[test]
    fn meaningful_parts_are_kept() {
        assert_eq!(
            canonical_url("https://example.com/News/Item?id=7&utm_source=x&page=2"),
            "https://example.com/News/Item?id=7&page=2"
        );
        assert_ne!(canonical_url("https://example.com/a"), canonical_url("https://example.com/b"));
        assert_ne!(canonical_url("http://example.com/a"), canonical_url("https://example.com/a"));
        assert_eq!(canonical_url("https://example.com:8443/a"), "https://example.com:8443/a");
    }

    #[test]
    fn non_urls_are_only_trimmed() {
        assert_eq!(canonical_url(" Front page "), "Front page");
        assert_eq!(canonical_url("1 2://x"), "1 2://x");
        assert_eq!(canonical_url(""), "");
    }

    #[test]
    fn host_without_path_and_non_ascii_host() {
        assert_eq!(canonical_url("https://WWW.Périódico.EXAMPLE"), "https://périódico.example");
        assert_eq!(canonical_url("https://www.example.com/"), "https://example.com");
    }
}
