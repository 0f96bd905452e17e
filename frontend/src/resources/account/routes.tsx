// The account: signing up and in (with a password, or at ProConnect or FranceConnect: the pages the
// provider's sign-in comes back to), the profile, and the pages the mailed links open.
import { page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  signIn: () => "/connexion",
  signUp: () => "/inscription",
  account: (anchor?: string) => "/compte" + (anchor ? `#${anchor}` : ""),
  verifyEmail: () => "/verification",
  forgotPassword: () => "/mot-de-passe-oublie",
  resetPassword: () => "/mot-de-passe",
  myWebhooks: () => "/compte/webhooks",
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/connexion", page: page(() => import("./SignInPage")) },
    // Where the server's `/auth/oidc/{provider}/callback` sends the browser back (it names them;
    // the app never links to them): signed in, an account to prove first, or what went wrong.
    { path: "/connexion/fournisseur", page: page(() => import("./ProviderSignedInPage")) },
    { path: "/connexion/lier", page: page(() => import("./LinkAccountPage")) },
    { path: "/connexion/echec", page: page(() => import("./ProviderFailurePage")) },
    { path: "/inscription", page: page(() => import("./SignUpPage")) },
    { path: "/compte", page: page(() => import("./ProfilePage")) },
    { path: "/compte/webhooks", page: page(() => import("../webhooks/MyWebhooksPage")) },
    { path: "/compte/webhooks/:id", page: page(() => import("../webhooks/MyWebhookPage")) },
    { path: "/verification", page: page(() => import("./VerifyEmailPage")) },
    { path: "/mot-de-passe-oublie", page: page(() => import("./ForgotPasswordPage")) },
    { path: "/mot-de-passe", page: page(() => import("./ResetPasswordPage")) },
  ],
};
