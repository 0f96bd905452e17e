"""An OpenID Connect provider for the tests, standing for ProConnect and FranceConnect:
`oidc-provider-mock` (PyPI), a real provider (discovery, JWKS, authorization code flow, ID
tokens signed RS256, userinfo, end_session). Prints `ready PORT`, then serves until killed.

`--expired-id-tokens` makes every ID token it issues expired two minutes ago (the relying party
must refuse them); the access tokens stay valid, so nothing else fails first.
"""

import argparse
import threading
import oidc_provider_mock

parser = argparse.ArgumentParser()
parser.add_argument("--expired-id-tokens", action="store_true")
args = parser.parse_args()

if args.expired_id_tokens:
    from oidc_provider_mock import _app

    issued = _app.OpenIDCode.get_jwt_config

    def expired(self, grant, client=None):
        config = issued(self, grant, client)
        config["exp"] = -120  # seconds from now
        return config

    _app.OpenIDCode.get_jwt_config = expired

with oidc_provider_mock.run_server_in_thread(
    port=0,
    require_nonce=True,
) as server:
    print(f"ready {server.server_port}", flush=True)
    threading.Event().wait()
