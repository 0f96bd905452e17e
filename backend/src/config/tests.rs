//! The settings' parsing.

use super::*;

fn settings(vars: &[(&str, &str)]) -> Result<Settings, String> {
    let map: std::collections::HashMap<String, String> =
        vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Settings::from_lookup(|k| map.get(k).cloned())
}

#[test]
fn production_requires_a_long_secret_smtp_and_its_address() {
    let long = "x".repeat(MIN_SECRET_LEN);
    let prod = |extra: &[(&'static str, &'static str)]| -> Vec<(&'static str, String)> {
        let mut vars: Vec<(&'static str, &str)> = vec![
            ("OPENDETAT_ENV", "production"),
            ("JWT_SECRET", long.as_str()),
            ("SMTP_URL", "smtp://relay.example:25"),
            ("PUBLIC_URL", "https://opendetat.example.gouv.fr/"),
        ];
        vars.extend_from_slice(extra);
        vars.into_iter().map(|(k, v)| (k, v.to_string())).collect()
    };
    let settings_of = |vars: &[(&'static str, String)]| {
        let borrowed: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        settings(&borrowed)
    };
    assert!(settings(&[("OPENDETAT_ENV", "production")]).is_err());
    assert!(settings_of(&prod(&[("JWT_SECRET", "short")])).is_err());
    let s = settings_of(&prod(&[])).unwrap();
    assert_eq!(s.public_url, "https://opendetat.example.gouv.fr");
    assert!(s.require_verified_email);
    assert_eq!(format!("{:?}", s.smtp_url), "Some(Secret(***))");
    let no_smtp: Vec<_> = prod(&[]).into_iter().filter(|(k, _)| *k != "SMTP_URL").collect();
    assert!(settings_of(&no_smtp).unwrap().check_mail().unwrap_err().contains("SMTP_URL"));
    let no_url: Vec<_> = prod(&[]).into_iter().filter(|(k, _)| *k != "PUBLIC_URL").collect();
    assert!(settings_of(&no_url).unwrap().check_mail().unwrap_err().contains("PUBLIC_URL"));
    assert!(s.check_mail().is_ok() && settings(&[]).unwrap().check_mail().is_ok());
    let dev = settings(&[]).unwrap();
    assert!(dev.smtp_url.is_none() && !dev.require_verified_email);
}

#[test]
fn dev_generates_a_secret_and_defaults() {
    let s = settings(&[]).unwrap();
    assert!(s.jwt_secret.expose().len() >= MIN_SECRET_LEN);
    assert_eq!(s.bind_addr, "127.0.0.1:8080");
    assert_eq!(format!("{:?}", s.jwt_secret), "Secret(***)");
}

#[test]
fn rejects_bad_numbers_and_env() {
    assert!(settings(&[("DATABASE_POOL_SIZE", "zero")]).is_err());
    assert!(settings(&[("DATABASE_POOL_SIZE", "0")]).is_err());
    assert!(settings(&[("OPENDETAT_ENV", "staging")]).is_err());
}

#[test]
fn limits_proxies_and_image_hosts() {
    let s = settings(&[]).unwrap();
    assert_eq!(s.ip_limits.sign_in.unwrap().burst, 60);
    assert!(s.ip_limits.trusted_proxies.is_empty());
    assert!(s.markdown_image_hosts.is_empty());
    let s = settings(&[
        ("RATE_LIMIT_SIGN_IN", "off"),
        ("RATE_LIMIT_SIGN_UP", "3/1m"),
        ("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1"),
        ("MARKDOWN_IMAGE_HOSTS", "Images.Example.gouv.fr"),
    ])
    .unwrap();
    assert!(s.ip_limits.sign_in.is_none());
    assert_eq!(s.ip_limits.sign_up.unwrap().burst, 3);
    assert_eq!(s.ip_limits.trusted_proxies.len(), 2);
    assert_eq!(s.markdown_image_hosts, vec!["images.example.gouv.fr"]);
    assert!(settings(&[("RATE_LIMIT_SIGN_IN", "lots")]).is_err());
    assert!(settings(&[("TRUSTED_PROXIES", "proxy.local")]).is_err());
    assert!(settings(&[("MARKDOWN_IMAGE_HOSTS", "https://x.fr/")]).is_err());
}

#[test]
fn stream_settings_have_defaults_and_refuse_a_zero_heartbeat() {
    let defaults = settings(&[]).unwrap().live;
    assert_eq!(defaults, crate::live::LiveSettings::default());
    assert_eq!(defaults.heartbeat, Duration::from_secs(25));
    let set =
        settings(&[("STREAM_MAX_PER_ADDRESS", "7"), ("STREAM_MAX_PER_ACCOUNT", "2"), ("STREAM_HEARTBEAT_SECS", "5")])
            .unwrap()
            .live;
    assert_eq!((set.max_per_address, set.max_per_account, set.heartbeat), (7, 2, Duration::from_secs(5)));
    assert!(settings(&[("STREAM_HEARTBEAT_SECS", "0")]).is_err());
    assert!(settings(&[("STREAM_MAX_PER_ACCOUNT", "many")]).is_err());
}

#[test]
fn a_previous_secret_needs_its_end_and_the_length_of_a_secret() {
    let long = "y".repeat(MIN_SECRET_LEN);
    assert!(settings(&[]).unwrap().jwt_previous.is_none());
    assert!(settings(&[("JWT_PREVIOUS_SECRET", &long)]).unwrap_err().contains("JWT_PREVIOUS_SECRET_UNTIL"));
    assert!(settings(&[("JWT_PREVIOUS_SECRET_UNTIL", "2030-01-01T00:00:00Z")]).is_err());
    let short = [("JWT_PREVIOUS_SECRET", "short"), ("JWT_PREVIOUS_SECRET_UNTIL", "2030-01-01T00:00:00Z")];
    assert!(settings(&short).unwrap_err().contains("shorter"));
    let garbled = [("JWT_PREVIOUS_SECRET", long.as_str()), ("JWT_PREVIOUS_SECRET_UNTIL", "tomorrow")];
    assert!(settings(&garbled).unwrap_err().contains("RFC 3339"));
    let ok = [("JWT_PREVIOUS_SECRET", long.as_str()), ("JWT_PREVIOUS_SECRET_UNTIL", "2030-01-01T01:00:00+01:00")];
    let (secret, until) = settings(&ok).unwrap().jwt_previous.unwrap();
    assert_eq!(secret.expose_str(), long);
    assert_eq!(until.to_rfc3339(), "2030-01-01T00:00:00+00:00");
}

#[test]
fn two_factor_roles_default_to_staff_in_production_and_a_wrong_role_is_named() {
    use crate::types::Role;
    let long = "x".repeat(MIN_SECRET_LEN);
    let prod = |roles: Option<&str>| {
        let mut vars = vec![("OPENDETAT_ENV", "production"), ("JWT_SECRET", long.as_str())];
        if let Some(roles) = roles {
            vars.push(("TWO_FACTOR_ROLES", roles));
        }
        settings(&vars)
    };
    assert_eq!(prod(None).unwrap().two_factor_roles, vec![Role::Admin, Role::Moderator]);
    assert!(settings(&[]).unwrap().two_factor_roles.is_empty(), "none in dev");
    assert!(prod(Some("none")).unwrap().two_factor_roles.is_empty());
    assert_eq!(prod(Some("admin, official")).unwrap().two_factor_roles, vec![Role::Admin, Role::Official]);
    let wrong = prod(Some("admin,boss")).unwrap_err();
    assert!(wrong.contains("TWO_FACTOR_ROLES") && wrong.contains("boss"), "{wrong}");
}

#[test]
fn a_provider_is_on_with_its_issuer_and_then_needs_its_client() {
    let none = settings(&[]).unwrap();
    assert!(none.identity_providers.is_empty());
    let missing = settings(&[("PROCONNECT_ISSUER", "https://proconnect.example")]).unwrap_err();
    assert!(missing.contains("PROCONNECT_CLIENT_ID") && missing.contains("PROCONNECT_CLIENT_SECRET"), "{missing}");
    let on = settings(&[
        ("FRANCECONNECT_ISSUER", "https://fc.example/api/v2/"),
        ("FRANCECONNECT_CLIENT_ID", "id"),
        ("FRANCECONNECT_CLIENT_SECRET", "secret"),
    ])
    .unwrap();
    let fc = &on.identity_providers[0];
    assert_eq!(fc.issuer, "https://fc.example/api/v2", "compared as written, without the slash");
    assert_eq!(fc.scopes, ["openid", "email", "given_name", "family_name"]);
    assert_eq!(fc.acr_values.as_deref(), Some("eidas1"));
    assert!(fc.strong_acr.is_empty(), "FranceConnect never stands for a second factor");
    assert!(!format!("{fc:?}").contains("secret\""), "the secret never prints");
    let bad = settings(&[
        ("PROCONNECT_ISSUER", "proconnect.example"),
        ("PROCONNECT_CLIENT_ID", "id"),
        ("PROCONNECT_CLIENT_SECRET", "secret"),
    ])
    .unwrap_err();
    assert!(bad.contains("PROCONNECT_ISSUER"), "{bad}");
    let no_openid = settings(&[
        ("PROCONNECT_ISSUER", "https://pc.example"),
        ("PROCONNECT_CLIENT_ID", "id"),
        ("PROCONNECT_CLIENT_SECRET", "secret"),
        ("PROCONNECT_SCOPES", "email siret"),
    ])
    .unwrap_err();
    assert!(no_openid.contains("openid"), "{no_openid}");
}
