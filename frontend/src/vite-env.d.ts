/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The accessibility statement's contact address (default accessibilite@opendetat.fr). */
  readonly VITE_ACCESSIBILITY_CONTACT?: string;
  /** Where requests about personal data go (default donnees-personnelles@opendetat.fr). */
  readonly VITE_PRIVACY_CONTACT?: string;
}
