"""An OpenID Connect provider for the tests, standing for ProConnect and FranceConnect:
`oidc-provider-mock` (PyPI), a real provider (discovery, JWKS, authorization code flow, ID
tokens signed RS256, userinfo, end_session). Prints `ready PORT`, then serves until killed.

Two ways to make it behave like the real ones, or like a broken one:
- `--signed-userinfo AUDIENCE` answers userinfo as ProConnect and FranceConnect do: a JWT
  (`application/jwt`) signed with the provider's key, for the client `AUDIENCE`;
- `POST /rotate-key` replaces its signing key (the JWKS then lists only the new one), as a
  provider rotating its keys does;
- `--expired-id-tokens` makes every ID token it issues expired two minutes ago (the relying party
  must refuse them); the access tokens stay valid, so nothing else fails first.
"""

import argparse
import threading

import flask
from authlib import jose
from oidc_provider_mock import _app, _server
from oidc_provider_mock._storage import storage

parser = argparse.ArgumentParser()
parser.add_argument("--expired-id-tokens", action="store_true")
parser.add_argument("--signed-userinfo", metavar="AUDIENCE")
args = parser.parse_args()

if args.expired_id_tokens:
    issued = _app.OpenIDCode.get_jwt_config

    def expired(self, grant, client=None):
        config = issued(self, grant, client)
        config["exp"] = -120  # seconds from now
        return config

    _app.OpenIDCode.get_jwt_config = expired

app = _app.app(require_nonce=True)


@app.post("/rotate-key")
def rotate_key():
    storage.jwk = jose.RSAKey.generate_key(is_private=True)
    return "", 204


if args.signed_userinfo:

    @app.after_request
    def sign_userinfo(response):
        if flask.request.path != "/userinfo" or response.status_code != 200:
            return response
        claims = response.get_json()
        claims["iss"] = flask.request.host_url.rstrip("/")
        claims["aud"] = args.signed_userinfo
        key = storage.jwk.as_dict(is_private=True)
        header = {"alg": "RS256", "typ": "JWT"}
        if "kid" in key:
            header["kid"] = key["kid"]
        signed = jose.jwt.encode(header, claims, key)
        return flask.Response(signed, status=200, content_type="application/jwt")


with _server._threaded_server(app=app, port=0) as server:
    print(f"ready {server.server_port}", flush=True)
    threading.Event().wait()
