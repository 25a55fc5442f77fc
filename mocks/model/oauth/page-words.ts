/**
 * The words of the mock OAuth server's own pages, in the 13 languages of the sign-up page this
 * package was made beside (a mock's own table: the package imports nothing of the app).
 *
 * Which language: OIDC Core §3.1.2.1 `ui_locales` (space-separated, best first), then the
 * browser's `Accept-Language`, then English. MAS parses `ui_locales` into its authorization request
 * (`crates/oauth2-types/src/requests.rs:268-271` @ 682b8d26d3) but picks its pages' language from
 * `Accept-Language` alone (`crates/handlers/src/preferred_language.rs:26-32`); the mock honours
 * `ui_locales` first so that a page opened with `?lang=` is shown in that language in the demo.
 * Its translations (`translations/*.json`) cover 8 of these 13 (not ar, es, it, ja); the mock's
 * table has all 13. The server's rule messages (a taken name, the password policy) stay in English,
 * as the model gives them to `/register` too.
 */

export const PAGE_LANGUAGES = [
  'en',
  'ar',
  'de',
  'es',
  'fr',
  'it',
  'ja',
  'nl',
  'pl',
  'pt-BR',
  'ru',
  'uk',
  'zh-Hans',
] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** Every function gets text already escaped for HTML (the IDs, hosts and addresses it places). */
export interface PageWords {
  dir: 'ltr' | 'rtl';
  createTitle: (server: string) => string;
  signInTitle: (server: string) => string;
  codeTitle: string;
  /** The create page's line about the client: it sent the person here to create an account. */
  createWho: (client: string, host: string) => string;
  signInWho: (client: string, host: string) => string;
  username: string;
  /** `id` is the Matrix ID preview, a bidi-isolated element the page's script keeps up to date. */
  usernameHint: (id: string) => string;
  password: string;
  passwordConfirm: string;
  email: string;
  emailOptional: string;
  emailHint: string;
  acceptPolicies: string;
  create: string;
  cancel: string;
  signIn: string;
  createInstead: string;
  codeText: (email: string) => string;
  code: string;
  proceed: string;
  resend: string;
  choosePassword: string;
  passwordMismatch: string;
  mustAccept: string;
  enterEmail: string;
  notAnEmail: string;
  emailInUse: string;
  /** MAS's registration-token step (templates/pages/register/steps/registration_token.html). */
  tokenTitle: string;
  tokenText: string;
  tokenLabel: string;
  tokenRequired: string;
  tokenInvalid: string;
  /** MAS's page for a request its policy refuses (templates/pages/policy_violation.html). */
  policyTitle: string;
  policyText: string;
}

const en: PageWords = {
  dir: 'ltr',
  createTitle: (server) => `Create your account on ${server}`,
  signInTitle: (server) => `Sign in to ${server}`,
  codeTitle: 'Check your email',
  createWho: (client, host) => `${client} (${host}) sent you here to create an account.`,
  signInWho: (client, host) => `${client} (${host}) wants to use your account.`,
  username: 'Username',
  usernameHint: (id) => `Your Matrix ID will be ${id}.`,
  password: 'Password',
  passwordConfirm: 'Confirm password',
  email: 'Email address',
  emailOptional: 'Email address (optional)',
  emailHint: 'We will send a code to this address.',
  acceptPolicies: 'I accept these policies',
  create: 'Create account',
  cancel: 'Cancel',
  signIn: 'Sign in',
  createInstead: 'Create an account instead',
  codeText: (email) => `We sent a code to ${email}. Type it here, or open the link in the email and then continue.`,
  code: 'Code',
  proceed: 'Continue',
  resend: 'Send a new code',
  choosePassword: 'Choose a password.',
  passwordMismatch: 'The passwords do not match.',
  mustAccept: 'Accept the policies to continue.',
  enterEmail: 'Enter your email address.',
  notAnEmail: 'This is not an email address.',
  emailInUse: 'This email address is already in use.',
  tokenTitle: 'Registration token',
  tokenText: 'Sign-up on this server is by invitation. Enter the registration token from your invite.',
  tokenLabel: 'Registration token',
  tokenRequired: 'Enter the registration token.',
  tokenInvalid: 'This registration token is not valid: it may be mistyped, expired, used up or revoked.',
  policyTitle: 'This request is not allowed',
  policyText:
    "The server's policy refused it. The reason may be the application, your account or what the application asked for: the admin API, say, is only for accounts allowed to manage the server.",
};

const WORDS: Record<PageLanguage, PageWords> = {
  en,
  ar: {
    dir: 'rtl',
    createTitle: (server) => `أنشئ حسابك على ${server}`,
    signInTitle: (server) => `سجّل الدخول إلى ${server}`,
    codeTitle: 'تفقّد بريدك الإلكتروني',
    createWho: (client, host) => `أرسلك ${client} (${host}) إلى هنا لإنشاء حساب.`,
    signInWho: (client, host) => `يريد ${client} (${host}) استخدام حسابك.`,
    username: 'اسم المستخدم',
    usernameHint: (id) => `سيكون معرّف Matrix الخاص بك ${id}.`,
    password: 'كلمة المرور',
    passwordConfirm: 'أكّد كلمة المرور',
    email: 'عنوان البريد الإلكتروني',
    emailOptional: 'عنوان البريد الإلكتروني (اختياري)',
    emailHint: 'سنرسل رمزًا إلى هذا العنوان.',
    acceptPolicies: 'أقبل هذه السياسات',
    create: 'أنشئ الحساب',
    cancel: 'إلغاء',
    signIn: 'سجّل الدخول',
    createInstead: 'أنشئ حسابًا بدلًا من ذلك',
    codeText: (email) => `أرسلنا رمزًا إلى ${email}. اكتبه هنا، أو افتح الرابط في الرسالة ثم تابِع.`,
    code: 'الرمز',
    proceed: 'تابِع',
    resend: 'أرسل رمزًا جديدًا',
    choosePassword: 'اختر كلمة مرور.',
    passwordMismatch: 'كلمتا المرور غير متطابقتين.',
    mustAccept: 'اقبل السياسات للمتابعة.',
    enterEmail: 'أدخل عنوان بريدك الإلكتروني.',
    notAnEmail: 'هذا ليس عنوان بريد إلكتروني.',
    emailInUse: 'عنوان البريد الإلكتروني هذا مستخدم بالفعل.',
    tokenTitle: 'رمز التسجيل',
    tokenText: 'التسجيل في هذا الخادم بالدعوة فقط. أدخل رمز التسجيل الموجود في دعوتك.',
    tokenLabel: 'رمز التسجيل',
    tokenRequired: 'أدخل رمز التسجيل.',
    tokenInvalid: 'رمز التسجيل هذا غير صالح: ربما كُتب خطأً، أو انتهت صلاحيته، أو استُنفد، أو أُلغي.',
    policyTitle: 'هذا الطلب غير مسموح به',
    policyText:
      'رفضته سياسة الخادم. قد يكون السبب التطبيق أو حسابك أو ما طلبه التطبيق: فواجهة برمجة الإدارة مثلًا مخصّصة للحسابات المسموح لها بإدارة الخادم فقط.',
  },
  de: {
    dir: 'ltr',
    createTitle: (server) => `Erstelle dein Konto auf ${server}`,
    signInTitle: (server) => `Bei ${server} anmelden`,
    codeTitle: 'Prüfe deine E-Mails',
    createWho: (client, host) => `${client} (${host}) hat dich hierher geschickt, um ein Konto zu erstellen.`,
    signInWho: (client, host) => `${client} (${host}) möchte dein Konto verwenden.`,
    username: 'Benutzername',
    usernameHint: (id) => `Deine Matrix-ID lautet dann ${id}.`,
    password: 'Passwort',
    passwordConfirm: 'Passwort bestätigen',
    email: 'E-Mail-Adresse',
    emailOptional: 'E-Mail-Adresse (optional)',
    emailHint: 'Wir schicken einen Code an diese Adresse.',
    acceptPolicies: 'Ich akzeptiere diese Richtlinien',
    create: 'Konto erstellen',
    cancel: 'Abbrechen',
    signIn: 'Anmelden',
    createInstead: 'Stattdessen ein Konto erstellen',
    codeText: (email) =>
      `Wir haben einen Code an ${email} geschickt. Gib ihn hier ein, oder öffne den Link in der E-Mail und fahre dann fort.`,
    code: 'Code',
    proceed: 'Weiter',
    resend: 'Neuen Code senden',
    choosePassword: 'Wähle ein Passwort.',
    passwordMismatch: 'Die Passwörter stimmen nicht überein.',
    mustAccept: 'Akzeptiere die Richtlinien, um fortzufahren.',
    enterEmail: 'Gib deine E-Mail-Adresse ein.',
    notAnEmail: 'Das ist keine E-Mail-Adresse.',
    emailInUse: 'Diese E-Mail-Adresse wird bereits verwendet.',
    tokenTitle: 'Registrierungstoken',
    tokenText:
      'Auf diesem Server registrierst du dich nur mit Einladung. Gib den Registrierungstoken aus deiner Einladung ein.',
    tokenLabel: 'Registrierungstoken',
    tokenRequired: 'Gib den Registrierungstoken ein.',
    tokenInvalid:
      'Dieser Registrierungstoken ist nicht gültig: Vielleicht ist er falsch geschrieben, abgelaufen, aufgebraucht oder widerrufen.',
    policyTitle: 'Diese Anfrage ist nicht erlaubt',
    policyText:
      'Die Richtlinie des Servers hat sie abgelehnt. Der Grund kann die Anwendung, dein Konto oder das Angefragte sein: Die Admin-API etwa ist nur für Konten, die den Server verwalten dürfen.',
  },
  es: {
    dir: 'ltr',
    createTitle: (server) => `Crea tu cuenta en ${server}`,
    signInTitle: (server) => `Inicia sesión en ${server}`,
    codeTitle: 'Revisa tu correo',
    createWho: (client, host) => `${client} (${host}) te ha enviado aquí para crear una cuenta.`,
    signInWho: (client, host) => `${client} (${host}) quiere usar tu cuenta.`,
    username: 'Nombre de usuario',
    usernameHint: (id) => `Tu ID de Matrix será ${id}.`,
    password: 'Contraseña',
    passwordConfirm: 'Confirmar contraseña',
    email: 'Dirección de correo electrónico',
    emailOptional: 'Dirección de correo electrónico (opcional)',
    emailHint: 'Enviaremos un código a esta dirección.',
    acceptPolicies: 'Acepto estas políticas',
    create: 'Crear cuenta',
    cancel: 'Cancelar',
    signIn: 'Iniciar sesión',
    createInstead: 'Crear una cuenta en su lugar',
    codeText: (email) =>
      `Hemos enviado un código a ${email}. Escríbelo aquí, o abre el enlace del correo y luego continúa.`,
    code: 'Código',
    proceed: 'Continuar',
    resend: 'Enviar un código nuevo',
    choosePassword: 'Elige una contraseña.',
    passwordMismatch: 'Las contraseñas no coinciden.',
    mustAccept: 'Acepta las políticas para continuar.',
    enterEmail: 'Escribe tu dirección de correo electrónico.',
    notAnEmail: 'Esto no es una dirección de correo electrónico.',
    emailInUse: 'Esta dirección de correo electrónico ya está en uso.',
    tokenTitle: 'Token de registro',
    tokenText:
      'En este servidor solo puedes registrarte con invitación. Introduce el token de registro de tu invitación.',
    tokenLabel: 'Token de registro',
    tokenRequired: 'Introduce el token de registro.',
    tokenInvalid:
      'Este token de registro no es válido: puede que esté mal escrito, haya caducado, se haya agotado o se haya revocado.',
    policyTitle: 'Esta solicitud no está permitida',
    policyText:
      'La política del servidor la ha rechazado. El motivo puede ser la aplicación, tu cuenta o lo que pidió la aplicación: la API de administración, por ejemplo, es solo para cuentas autorizadas a administrar el servidor.',
  },
  fr: {
    dir: 'ltr',
    createTitle: (server) => `Créez votre compte sur ${server}`,
    signInTitle: (server) => `Connectez-vous à ${server}`,
    codeTitle: 'Consultez vos e-mails',
    createWho: (client, host) => `${client} (${host}) vous a envoyé ici pour créer un compte.`,
    signInWho: (client, host) => `${client} (${host}) souhaite utiliser votre compte.`,
    username: 'Nom d’utilisateur',
    usernameHint: (id) => `Votre identifiant Matrix sera ${id}.`,
    password: 'Mot de passe',
    passwordConfirm: 'Confirmer le mot de passe',
    email: 'Adresse e-mail',
    emailOptional: 'Adresse e-mail (facultative)',
    emailHint: 'Nous enverrons un code à cette adresse.',
    acceptPolicies: 'J’accepte ces conditions',
    create: 'Créer le compte',
    cancel: 'Annuler',
    signIn: 'Se connecter',
    createInstead: 'Créer plutôt un compte',
    codeText: (email) =>
      `Nous avons envoyé un code à ${email}. Saisissez-le ici, ou ouvrez le lien de l’e-mail puis continuez.`,
    code: 'Code',
    proceed: 'Continuer',
    resend: 'Envoyer un nouveau code',
    choosePassword: 'Choisissez un mot de passe.',
    passwordMismatch: 'Les mots de passe ne correspondent pas.',
    mustAccept: 'Acceptez les conditions pour continuer.',
    enterEmail: 'Saisissez votre adresse e-mail.',
    notAnEmail: 'Ce n’est pas une adresse e-mail.',
    emailInUse: 'Cette adresse e-mail est déjà utilisée.',
    tokenTitle: 'Jeton d’enregistrement',
    tokenText:
      'L’inscription sur ce serveur se fait sur invitation. Saisissez le jeton d’enregistrement de votre invitation.',
    tokenLabel: 'Jeton d’enregistrement',
    tokenRequired: 'Saisissez le jeton d’enregistrement.',
    tokenInvalid: 'Ce jeton d’enregistrement n’est pas valide : il est peut-être mal saisi, expiré, épuisé ou révoqué.',
    policyTitle: 'Cette demande n’est pas autorisée',
    policyText:
      'La politique du serveur l’a refusée. La raison peut être l’application, votre compte ou ce que l’application a demandé : l’API d’administration, par exemple, est réservée aux comptes autorisés à gérer le serveur.',
  },
  it: {
    dir: 'ltr',
    createTitle: (server) => `Crea il tuo account su ${server}`,
    signInTitle: (server) => `Accedi a ${server}`,
    codeTitle: 'Controlla la tua email',
    createWho: (client, host) => `${client} (${host}) ti ha mandato qui per creare un account.`,
    signInWho: (client, host) => `${client} (${host}) vuole usare il tuo account.`,
    username: 'Nome utente',
    usernameHint: (id) => `Il tuo ID Matrix sarà ${id}.`,
    password: 'Password',
    passwordConfirm: 'Conferma password',
    email: 'Indirizzo email',
    emailOptional: 'Indirizzo email (facoltativo)',
    emailHint: 'Invieremo un codice a questo indirizzo.',
    acceptPolicies: 'Accetto queste condizioni',
    create: 'Crea account',
    cancel: 'Annulla',
    signIn: 'Accedi',
    createInstead: 'Crea invece un account',
    codeText: (email) =>
      `Abbiamo inviato un codice a ${email}. Scrivilo qui, oppure apri il link nell’email e poi continua.`,
    code: 'Codice',
    proceed: 'Continua',
    resend: 'Invia un nuovo codice',
    choosePassword: 'Scegli una password.',
    passwordMismatch: 'Le password non coincidono.',
    mustAccept: 'Accetta le condizioni per continuare.',
    enterEmail: 'Inserisci il tuo indirizzo email.',
    notAnEmail: 'Questo non è un indirizzo email.',
    emailInUse: 'Questo indirizzo email è già in uso.',
    tokenTitle: 'Token di registrazione',
    tokenText: 'Su questo server ci si registra solo su invito. Inserisci il token di registrazione del tuo invito.',
    tokenLabel: 'Token di registrazione',
    tokenRequired: 'Inserisci il token di registrazione.',
    tokenInvalid:
      'Questo token di registrazione non è valido: potrebbe essere scritto male, scaduto, esaurito o revocato.',
    policyTitle: 'Questa richiesta non è consentita',
    policyText:
      'La politica del server l’ha rifiutata. Il motivo può essere l’applicazione, il tuo account o ciò che l’applicazione ha chiesto: l’API di amministrazione, per esempio, è solo per gli account autorizzati a gestire il server.',
  },
  ja: {
    dir: 'ltr',
    createTitle: (server) => `${server}でアカウントを作成`,
    signInTitle: (server) => `${server}にサインイン`,
    codeTitle: 'メールを確認してください',
    createWho: (client, host) => `アカウントを作成するため、${client}（${host}）からここに移動しました。`,
    signInWho: (client, host) => `${client}（${host}）があなたのアカウントの使用を求めています。`,
    username: 'ユーザー名',
    usernameHint: (id) => `あなたのMatrix IDは${id}になります。`,
    password: 'パスワード',
    passwordConfirm: 'パスワードを確認',
    email: 'メールアドレス',
    emailOptional: 'メールアドレス（任意）',
    emailHint: 'このアドレスにコードを送信します。',
    acceptPolicies: 'これらのポリシーに同意します',
    create: 'アカウントを作成',
    cancel: 'キャンセル',
    signIn: 'サインイン',
    createInstead: '代わりにアカウントを作成',
    codeText: (email) =>
      `${email}にコードを送信しました。ここに入力するか、メール内のリンクを開いてから続行してください。`,
    code: 'コード',
    proceed: '続行',
    resend: '新しいコードを送信',
    choosePassword: 'パスワードを決めてください。',
    passwordMismatch: 'パスワードが一致しません。',
    mustAccept: '続行するにはポリシーに同意してください。',
    enterEmail: 'メールアドレスを入力してください。',
    notAnEmail: 'メールアドレスの形式ではありません。',
    emailInUse: 'このメールアドレスはすでに使われています。',
    tokenTitle: '登録用トークン',
    tokenText: 'このサーバーへの登録は招待制です。招待に書かれた登録用トークンを入力してください。',
    tokenLabel: '登録用トークン',
    tokenRequired: '登録用トークンを入力してください。',
    tokenInvalid:
      'この登録用トークンは無効です。入力の誤り、有効期限切れ、使用回数の上限、または取り消しの可能性があります。',
    policyTitle: 'このリクエストは許可されていません',
    policyText:
      'サーバーのポリシーにより拒否されました。原因はアプリ、あなたのアカウント、またはアプリが求めた内容かもしれません。たとえば管理 API は、サーバーの管理を許可されたアカウント専用です。',
  },
  nl: {
    dir: 'ltr',
    createTitle: (server) => `Maak je account aan op ${server}`,
    signInTitle: (server) => `Inloggen bij ${server}`,
    codeTitle: 'Kijk in je e-mail',
    createWho: (client, host) => `${client} (${host}) heeft je hierheen gestuurd om een account aan te maken.`,
    signInWho: (client, host) => `${client} (${host}) wil je account gebruiken.`,
    // "Gebruikersnaam", as Element and MAS say (i18n review 2026-12), not "Inlognaam".
    username: 'Gebruikersnaam',
    usernameHint: (id) => `Je Matrix-ID wordt ${id}.`,
    password: 'Wachtwoord',
    passwordConfirm: 'Wachtwoord bevestigen',
    email: 'E-mailadres',
    emailOptional: 'E-mailadres (optioneel)',
    emailHint: 'We sturen een code naar dit adres.',
    acceptPolicies: 'Ik ga akkoord met deze voorwaarden',
    create: 'Account aanmaken',
    cancel: 'Annuleren',
    signIn: 'Inloggen',
    createInstead: 'Maak in plaats daarvan een account aan',
    codeText: (email) =>
      `We hebben een code naar ${email} gestuurd. Typ hem hier, of open de link in de e-mail en ga dan verder.`,
    code: 'Code',
    proceed: 'Doorgaan',
    resend: 'Nieuwe code sturen',
    choosePassword: 'Kies een wachtwoord.',
    passwordMismatch: 'De wachtwoorden komen niet overeen.',
    mustAccept: 'Ga akkoord met de voorwaarden om verder te gaan.',
    enterEmail: 'Vul je e-mailadres in.',
    notAnEmail: 'Dit is geen e-mailadres.',
    emailInUse: 'Dit e-mailadres is al in gebruik.',
    tokenTitle: 'Registratietoken',
    tokenText:
      'Registreren op deze server kan alleen met een uitnodiging. Voer het registratietoken uit je uitnodiging in.',
    tokenLabel: 'Registratietoken',
    tokenRequired: 'Voer het registratietoken in.',
    tokenInvalid:
      'Dit registratietoken is niet geldig: misschien is het verkeerd getypt, verlopen, opgebruikt of ingetrokken.',
    policyTitle: 'Dit verzoek is niet toegestaan',
    policyText:
      'Het beleid van de server heeft het geweigerd. De reden kan de app zijn, je account of wat de app vroeg: de beheer-API is bijvoorbeeld alleen voor accounts die de server mogen beheren.',
  },
  pl: {
    dir: 'ltr',
    createTitle: (server) => `Utwórz konto na serwerze ${server}`,
    signInTitle: (server) => `Zaloguj się na serwerze ${server}`,
    codeTitle: 'Sprawdź skrzynkę e-mail',
    createWho: (client, host) => `${client} (${host}) przekierował(a) Cię tutaj, aby utworzyć konto.`,
    signInWho: (client, host) => `${client} (${host}) chce korzystać z Twojego konta.`,
    username: 'Nazwa użytkownika',
    usernameHint: (id) => `Twoim ID Matrix będzie ${id}.`,
    password: 'Hasło',
    passwordConfirm: 'Potwierdź hasło',
    email: 'Adres e-mail',
    emailOptional: 'Adres e-mail (opcjonalnie)',
    emailHint: 'Wyślemy kod na ten adres.',
    acceptPolicies: 'Akceptuję te zasady',
    create: 'Utwórz konto',
    cancel: 'Anuluj',
    signIn: 'Zaloguj się',
    createInstead: 'Zamiast tego utwórz konto',
    codeText: (email) =>
      `Wysłaliśmy kod na adres ${email}. Wpisz go tutaj albo otwórz link z wiadomości, a potem kontynuuj.`,
    code: 'Kod',
    proceed: 'Kontynuuj',
    resend: 'Wyślij nowy kod',
    choosePassword: 'Wybierz hasło.',
    passwordMismatch: 'Hasła nie są takie same.',
    mustAccept: 'Zaakceptuj zasady, aby kontynuować.',
    enterEmail: 'Wpisz swój adres e-mail.',
    notAnEmail: 'To nie jest adres e-mail.',
    emailInUse: 'Ten adres e-mail jest już używany.',
    tokenTitle: 'Token rejestracyjny',
    tokenText: 'Rejestracja na tym serwerze jest tylko na zaproszenie. Wpisz token rejestracyjny z zaproszenia.',
    tokenLabel: 'Token rejestracyjny',
    tokenRequired: 'Wpisz token rejestracyjny.',
    tokenInvalid:
      'Ten token rejestracyjny jest nieważny: może zawierać literówkę, mógł wygasnąć, zostać wykorzystany lub unieważniony.',
    policyTitle: 'To żądanie jest niedozwolone',
    policyText:
      'Odrzuciły je zasady serwera. Przyczyną może być aplikacja, Twoje konto lub to, o co prosiła aplikacja: na przykład API administracyjne jest tylko dla kont, które mogą zarządzać serwerem.',
  },
  'pt-BR': {
    dir: 'ltr',
    createTitle: (server) => `Crie sua conta em ${server}`,
    signInTitle: (server) => `Entrar em ${server}`,
    codeTitle: 'Confira seu e-mail',
    createWho: (client, host) => `${client} (${host}) trouxe você até aqui para criar uma conta.`,
    signInWho: (client, host) => `${client} (${host}) quer usar sua conta.`,
    username: 'Nome de usuário',
    usernameHint: (id) => `Seu ID Matrix será ${id}.`,
    password: 'Senha',
    passwordConfirm: 'Confirmar senha',
    email: 'Endereço de e-mail',
    emailOptional: 'Endereço de e-mail (opcional)',
    emailHint: 'Enviaremos um código para este endereço.',
    acceptPolicies: 'Aceito estas políticas',
    create: 'Criar conta',
    cancel: 'Cancelar',
    signIn: 'Entrar',
    createInstead: 'Criar uma conta em vez disso',
    codeText: (email) => `Enviamos um código para ${email}. Digite-o aqui, ou abra o link do e-mail e depois continue.`,
    code: 'Código',
    proceed: 'Continuar',
    resend: 'Enviar um novo código',
    choosePassword: 'Escolha uma senha.',
    passwordMismatch: 'As senhas não coincidem.',
    mustAccept: 'Aceite as políticas para continuar.',
    enterEmail: 'Digite seu endereço de e-mail.',
    notAnEmail: 'Isto não é um endereço de e-mail.',
    emailInUse: 'Este endereço de e-mail já está em uso.',
    tokenTitle: 'Token de registro',
    tokenText: 'O cadastro neste servidor é só por convite. Digite o token de registro do seu convite.',
    tokenLabel: 'Token de registro',
    tokenRequired: 'Digite o token de registro.',
    tokenInvalid: 'Este token de registro não é válido: pode estar digitado errado, expirado, esgotado ou revogado.',
    policyTitle: 'Esta solicitação não é permitida',
    policyText:
      'A política do servidor a recusou. O motivo pode ser o aplicativo, sua conta ou o que o aplicativo pediu: a API de administração, por exemplo, é só para contas autorizadas a administrar o servidor.',
  },
  ru: {
    dir: 'ltr',
    createTitle: (server) => `Создайте учётную запись на ${server}`,
    signInTitle: (server) => `Вход на ${server}`,
    codeTitle: 'Проверьте почту',
    createWho: (client, host) => `${client} (${host}) направил(а) вас сюда, чтобы создать учётную запись.`,
    signInWho: (client, host) => `${client} (${host}) запрашивает доступ к вашей учётной записи.`,
    username: 'Имя пользователя',
    usernameHint: (id) => `Ваш Matrix ID будет ${id}.`,
    password: 'Пароль',
    passwordConfirm: 'Подтвердите пароль',
    email: 'Адрес электронной почты',
    emailOptional: 'Адрес электронной почты (необязательно)',
    emailHint: 'Мы отправим код на этот адрес.',
    acceptPolicies: 'Я принимаю эти правила',
    create: 'Создать учётную запись',
    cancel: 'Отмена',
    signIn: 'Войти',
    createInstead: 'Вместо этого создать учётную запись',
    codeText: (email) =>
      `Мы отправили код на ${email}. Введите его здесь или откройте ссылку из письма, а затем продолжите.`,
    code: 'Код',
    proceed: 'Продолжить',
    resend: 'Отправить новый код',
    choosePassword: 'Придумайте пароль.',
    passwordMismatch: 'Пароли не совпадают.',
    mustAccept: 'Чтобы продолжить, примите правила.',
    enterEmail: 'Введите адрес электронной почты.',
    notAnEmail: 'Это не адрес электронной почты.',
    emailInUse: 'Этот адрес электронной почты уже используется.',
    tokenTitle: 'Токен регистрации',
    tokenText: 'Регистрация на этом сервере — только по приглашению. Введите токен регистрации из приглашения.',
    tokenLabel: 'Токен регистрации',
    tokenRequired: 'Введите токен регистрации.',
    tokenInvalid:
      'Этот токен регистрации недействителен: возможно, в нём опечатка, истёк срок его действия, он израсходован или отозван.',
    policyTitle: 'Этот запрос не разрешён',
    policyText:
      'Его отклонили правила сервера. Причиной может быть приложение, ваша учётная запись или то, что запросило приложение: например, API администрирования доступен только учётным записям, которым разрешено управлять сервером.',
  },
  uk: {
    dir: 'ltr',
    createTitle: (server) => `Створіть обліковий запис на ${server}`,
    signInTitle: (server) => `Вхід на ${server}`,
    codeTitle: 'Перевірте пошту',
    createWho: (client, host) => `${client} (${host}) направив(-ла) вас сюди, щоб створити обліковий запис.`,
    signInWho: (client, host) => `${client} (${host}) запитує доступ до вашого облікового запису.`,
    username: 'Ім’я користувача',
    usernameHint: (id) => `Ваш Matrix ID буде ${id}.`,
    password: 'Пароль',
    passwordConfirm: 'Підтвердження пароля',
    email: 'Адреса е-пошти',
    emailOptional: 'Адреса е-пошти (необов’язково)',
    emailHint: 'Ми надішлемо код на цю адресу.',
    acceptPolicies: 'Я приймаю ці правила',
    create: 'Створити обліковий запис',
    cancel: 'Скасувати',
    signIn: 'Увійти',
    createInstead: 'Натомість створити обліковий запис',
    codeText: (email) =>
      `Ми надіслали код на ${email}. Введіть його тут або відкрийте посилання з листа, а тоді продовжте.`,
    code: 'Код',
    proceed: 'Продовжити',
    resend: 'Надіслати новий код',
    choosePassword: 'Придумайте пароль.',
    passwordMismatch: 'Паролі не збігаються.',
    mustAccept: 'Щоб продовжити, прийміть правила.',
    enterEmail: 'Введіть адресу е-пошти.',
    notAnEmail: 'Це не адреса е-пошти.',
    emailInUse: 'Ця адреса е-пошти вже використовується.',
    tokenTitle: 'Реєстраційний токен',
    tokenText: 'Реєстрація на цьому сервері — лише за запрошенням. Введіть реєстраційний токен із запрошення.',
    tokenLabel: 'Реєстраційний токен',
    tokenRequired: 'Введіть реєстраційний токен.',
    tokenInvalid:
      'Цей реєстраційний токен недійсний: можливо, у ньому помилка, строк його дії минув, його вже використано або відкликано.',
    policyTitle: 'Цей запит не дозволено',
    policyText:
      'Його відхилили правила сервера. Причиною може бути застосунок, ваш обліковий запис або те, що запросив застосунок: наприклад, API адміністрування доступний лише обліковим записам, яким дозволено керувати сервером.',
  },
  'zh-Hans': {
    dir: 'ltr',
    createTitle: (server) => `在 ${server} 上创建你的账户`,
    signInTitle: (server) => `登录 ${server}`,
    codeTitle: '查收你的电子邮件',
    createWho: (client, host) => `${client}（${host}）将你带到这里来创建账户。`,
    signInWho: (client, host) => `${client}（${host}）想要使用你的账户。`,
    username: '用户名',
    usernameHint: (id) => `你的 Matrix ID 将是 ${id}。`,
    password: '密码',
    passwordConfirm: '确认密码',
    email: '电子邮箱地址',
    emailOptional: '电子邮箱地址（可选）',
    emailHint: '我们会向此地址发送验证码。',
    acceptPolicies: '我接受这些政策',
    create: '创建账户',
    cancel: '取消',
    signIn: '登录',
    createInstead: '改为创建账户',
    codeText: (email) => `我们已向 ${email} 发送验证码。请在此输入，或打开邮件中的链接后继续。`,
    code: '验证码',
    proceed: '继续',
    resend: '发送新的验证码',
    choosePassword: '请设置密码。',
    passwordMismatch: '两次输入的密码不一致。',
    mustAccept: '接受这些政策后才能继续。',
    enterEmail: '请输入你的电子邮箱地址。',
    notAnEmail: '这不是电子邮箱地址。',
    emailInUse: '此电子邮箱地址已被使用。',
    tokenTitle: '注册令牌',
    tokenText: '此服务器仅限受邀注册。请输入邀请中的注册令牌。',
    tokenLabel: '注册令牌',
    tokenRequired: '请输入注册令牌。',
    tokenInvalid: '此注册令牌无效：可能输入有误、已过期、已用完或已被撤销。',
    policyTitle: '此请求不被允许',
    policyText:
      '服务器的策略拒绝了它。原因可能在于应用、你的账户或应用请求的内容：例如，管理 API 仅供获准管理服务器的账户使用。',
  },
};

/** One language tag to one of the table's, by the tag or its base (`de-AT` is `de`, `zh-CN` is `zh-Hans`). */
function matchTag(tag: string): PageLanguage | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === '' || lower === '*') return undefined;
  const exact = PAGE_LANGUAGES.find((language) => language.toLowerCase() === lower);
  if (exact) return exact;
  const [base = '', ...rest] = lower.split(/[-_]/);
  // Traditional Chinese is not offered Simplified, as the sign-up page decides too.
  if (base === 'zh') return rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part)) ? undefined : 'zh-Hans';
  return PAGE_LANGUAGES.find((language) => language.split('-')[0]?.toLowerCase() === base);
}

/** `ui_locales` first, then `Accept-Language` (q-values honoured), then English. */
export function pageLanguage(uiLocales: string | null | undefined, acceptLanguage: string | undefined): PageLanguage {
  for (const tag of (uiLocales ?? '').split(' ')) {
    const match = matchTag(tag);
    if (match) return match;
  }
  const accepted = (acceptLanguage ?? '')
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...parameters] = entry.split(';');
      const q = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of accepted) {
    const match = matchTag(tag);
    if (match) return match;
  }
  return 'en';
}

/** The words of one language; anything unknown (a request saved before it had one) is English. */
export function wordsFor(language: string | undefined): { language: PageLanguage; words: PageWords } {
  const known = PAGE_LANGUAGES.find((candidate) => candidate === language);
  return known ? { language: known, words: WORDS[known] } : { language: 'en', words: en };
}
