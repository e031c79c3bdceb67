// Recognises the global commands a resident types in any of the languages ("aiuto", "back", "меню", "/menu"); no I/O.
import type { CommandName } from './events.js';
import { fold } from './choice-match.js';

// Whole-message phrases only: "voglio tornare a scuola" must not read as "back". Never a word that is also an answer
// ("no", "gata" — Romanian for "done"), and each language's words its texts tell residents to type (locales/*/help.yaml).
const PHRASES: Record<CommandName, string[]> = {
  menu: ['menu', 'menù', 'start', 'inizio', 'ricomincia', 'ricominciare', 'home', 'main menu', 'menu principale', 'torna al menu', 'start over', 'restart',
    'meniu', 'meniul', 'meniul principal', 'de la capăt', 'o iau de la capăt', 'începe din nou', // ro
    'меню', 'головне меню', 'почати знову', 'почати спочатку', 'спочатку', 'на початок', 'старт', // uk
    'القائمة', 'قائمة', 'القائمة الرئيسية', 'ابدأ من جديد', 'من البداية', 'البداية', // ar
    'menuja', 'menuja kryesore', 'fillo nga e para', 'nga e para', 'nga fillimi', // sq
    '菜单', '主菜单', '重新开始', '从头开始', '回到主菜单', '返回菜单'], // zh
  back: ['indietro', 'torna indietro', 'tornare indietro', 'back', 'go back', 'previous', 'precedente',
    'înapoi', 'mergi înapoi', 'pasul anterior', // ro
    'назад', 'повернутися назад', 'повернутись назад', 'крок назад', // uk
    'رجوع', 'ارجع', 'الرجوع', 'العودة', 'للخلف', 'السابق', // ar
    'prapa', 'kthehu', 'kthehu prapa', 'mbrapa', // sq
    '返回', '后退', '上一步', '回到上一步', '返回上一步', '上一个问题'], // zh
  help: ['aiuto', 'help', 'aiutami', 'help me', 'come funziona', 'how does it work', '?',
    'ajutor', 'ajută-mă', 'am nevoie de ajutor', 'cum funcționează', // ro
    'допомога', 'допоможіть', 'довідка', 'як це працює', // uk
    'مساعدة', 'ساعدني', 'أحتاج مساعدة', 'كيف يعمل', // ar
    'ndihmë', 'më ndihmo', 'ndihmomëni', 'si funksionon', // sq
    '帮助', '求助', '怎么用', '如何使用', '使用说明'], // zh
  language: ['lingua', 'cambia lingua', 'cambiare lingua', 'language', 'change language', 'lingue', 'languages',
    'limba', 'limbă', 'schimbă limba', 'altă limbă', 'limbi', // ro
    'мова', 'змінити мову', 'змініть мову', 'інша мова', 'мови', // uk
    'اللغة', 'لغة', 'تغيير اللغة', 'غير اللغة', 'اللغات', // ar
    'gjuha', 'gjuhë', 'ndrysho gjuhën', 'gjuhët', // sq
    '语言', '换语言', '更换语言', '切换语言', '改语言'], // zh
  person: [
    'operatore', 'operatrice', 'persona', 'una persona', 'parlare con una persona', 'parla con una persona', 'voglio parlare con una persona',
    'parlare con un operatore', 'parla con un operatore', 'umano', 'human', 'operator', 'agent', 'person', 'a person', 'talk to a person',
    'speak to a person', 'talk to someone', 'real person',
    'operatorul', 'un operator', 'o persoană', 'vreau un operator', 'vreau să vorbesc cu o persoană', 'vreau să vorbesc cu un operator', 'vorbește cu o persoană',
    'vorbește cu un operator', // ro
    'оператор', 'оператора', 'жива людина', 'людина', 'поговорити з людиною', 'поговорити з оператором', 'з оператором', // uk
    'موظف', 'الموظف', 'موظفة', 'شخص حقيقي', 'أريد موظف', 'أريد موظفا', 'أريد التحدث مع موظف', 'التحدث مع موظف', 'تحدّث مع موظف',
    'تكلم مع موظف', // ar
    'operatori', 'një person', 'një operator', 'dua të flas me një person', 'dua të flas me një operator', 'fol me një person', 'flisni me një person', // sq
    '人工', '人工客服', '转人工', '人工服务', '找人工', '真人', '客服', '工作人员', '和工作人员对话', '联系工作人员'], // zh
  my_data: ['i miei dati', 'miei dati', 'dati personali', 'privacy', 'my data', 'my personal data',
    'datele mele', 'datele mele personale', 'date personale', 'confidențialitate', // ro
    'мої дані', 'мої персональні дані', 'персональні дані', 'конфіденційність', // uk
    'بياناتي', 'بياناتي الشخصية', 'البيانات الشخصية', 'الخصوصية', // ar
    'të dhënat e mia', 'të dhënat personale', 'privatësia', 'privatësi', // sq
    '我的数据', '我的信息', '我的个人信息', '个人信息', '个人数据', '隐私'], // zh
  delete_data: ['cancella i miei dati', 'elimina i miei dati', 'cancellare i miei dati', 'dimenticami', 'delete my data', 'erase my data', 'forget me',
    'șterge datele mele', 'șterge-mi datele', 'ștergeți datele mele', 'ștergeți-mi datele', // ro
    'видалити мої дані', 'видаліть мої дані', 'видали мої дані', 'забудьте мене', 'забудь мене', // uk
    'احذف بياناتي', 'حذف بياناتي', 'امسح بياناتي', 'احذفوا بياناتي', // ar
    'fshini të dhënat e mia', 'fshij të dhënat e mia', 'fshi të dhënat e mia', 'më harro', 'më harroni', // sq
    '删除我的数据', '删除我的信息', '删除数据', '忘记我'], // zh
  notifications: ['notifiche', 'stop notifiche', 'niente notifiche', 'basta notifiche', 'non voglio notifiche', 'non voglio piu messaggi', 'notifications', 'stop notifications', 'no notifications',
    'notificări', // ro
    'сповіщення', // uk
    'الإشعارات', // ar
    'njoftimet', // sq
    '通知'], // zh
  simple: ['modalita semplice', 'modalità semplice', 'semplice', 'modo semplice', 'simple mode', 'simple', 'easy mode', 'scrivi piu semplice',
    'simplu', 'modul simplu', 'mod simplu', 'mai simplu', 'scrie mai simplu', // ro
    'простий', 'простий режим', 'простіше', 'пишіть простіше', 'напишіть простіше', // uk
    'مبسّط', 'الوضع المبسّط', 'وضع مبسّط', 'أبسط', 'بشكل أبسط', // ar
    'e thjeshtë', 'thjeshtë', 'mënyra e thjeshtë', 'më thjeshtë', 'shkruaj më thjeshtë', // sq
    '简单模式', '简单', '简单一点', '说简单点', '简单点'], // zh
  stop: ['stop', 'basta', 'esci', 'fine', 'ferma', 'quit', 'exit', 'end', 'arrivederci', 'goodbye', 'bye', 'ciao ciao',
    'oprește', 'oprește conversația', 'ieșire', 'la revedere', // ro
    'стоп', 'вихід', 'вийти', 'кінець', 'завершити розмову', 'до побачення', // uk
    'توقف', 'قف', 'خروج', 'إنهاء', 'إنهاء المحادثة', 'مع السلامة', 'وداعا', // ar
    'ndalo', 'dil', 'mjaft', 'ndërprisni bisedën', 'mirupafshim', // sq
    '结束', '结束对话', '停止', '退出', '再见', '拜拜'], // zh
};

const SLASH: Record<string, CommandName> = {
  start: 'menu',
  menu: 'menu',
  indietro: 'back',
  back: 'back',
  aiuto: 'help',
  help: 'help',
  lingua: 'language',
  language: 'language',
  operatore: 'person',
  persona: 'person',
  person: 'person',
  operator: 'person',
  dati: 'my_data',
  privacy: 'my_data',
  mydata: 'my_data',
  cancelladati: 'delete_data',
  deletedata: 'delete_data',
  stop: 'stop',
  semplice: 'simple',
  notifiche: 'notifications',
  notifications: 'notifications',
  simple: 'simple',
};

const BY_PHRASE = new Map<string, CommandName>();
for (const [name, phrases] of Object.entries(PHRASES) as [CommandName, string[]][]) {
  for (const phrase of phrases) BY_PHRASE.set(phrase === '?' ? '?' : fold(phrase).join(' '), name);
}

/** The command a whole message asks for, if any. */
export function commandOf(text: string): CommandName | undefined {
  const trimmed = text.trim();
  const slash = /^\/([a-z_]+)(?:@\w+)?(?:\s|$)/i.exec(trimmed);
  if (slash) return SLASH[slash[1]!.toLowerCase().replace(/_/g, '')];
  if (/^[?？؟]$/.test(trimmed)) return 'help';
  return BY_PHRASE.get(fold(trimmed).join(' '));
}

/** Slash commands the channels may advertise (Telegram's command menu). */
export const ADVERTISED_COMMANDS: { command: string; name: CommandName }[] = [
  { command: 'menu', name: 'menu' },
  { command: 'aiuto', name: 'help' },
  { command: 'indietro', name: 'back' },
  { command: 'lingua', name: 'language' },
  { command: 'operatore', name: 'person' },
  { command: 'privacy', name: 'my_data' },
  { command: 'semplice', name: 'simple' },
  { command: 'stop', name: 'stop' },
];
