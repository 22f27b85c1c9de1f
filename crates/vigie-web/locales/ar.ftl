# Vigie — العربية

## التنقل والتخطيط
nav-label = القائمة الرئيسية
nav-languages = اللغات
nav-home = الرئيسية
nav-org = منظمتي
nav-users = الحسابات
nav-orgs = المنظمات
nav-account = حسابي
nav-directory = الدليل
nav-sharing = المشاركة
nav-peers = النظراء
nav-jobs = المهام
nav-logout = تسجيل الخروج
footer-tagline = Vigie — مرصد لشبكات المدافعين والمدافعات عن حقوق الإنسان الرقمية.

## الأخطاء
error-title = حدث خطأ ما
error-home = العودة إلى الصفحة الرئيسية
error-code = رمز الخطأ:
error-not-found = هذه الصفحة غير موجودة، أو لا يحق لك الاطلاع عليها.
error-forbidden = لا يحق لك القيام بهذا.
error-unauthorized = عليك تسجيل الدخول، أو أن رمز الوصول مفقود أو غير صالح.
error-csrf = انتهت صلاحية هذا النموذج أو أنه لم يأتِ من هذا الموقع. عُد إلى الصفحة السابقة، وأعد تحميلها وحاول مجددًا.
error-bad-request = تعذّرت قراءة الطلب. تحقّق من النموذج وحاول مجددًا.
error-method = هذا العنوان لا يقبل هذا النوع من الطلبات.
error-too-large = ما أرسلته كبير جدًا.
error-throttled = محاولات كثيرة جدًا. يُرجى الانتظار قبل المحاولة مجددًا.
error-retry-after = حاول مجددًا بعد { $minutes ->
    [zero] أقل من دقيقة
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
    [many] { $minutes } دقيقةً
   *[other] { $minutes } دقيقة
}.
error-internal = حدث خطأ داخلي. لم يُفقد أي شيء؛ يُرجى المحاولة مجددًا بعد قليل.
error-key-locked = مفتاح منظمتك غير مفتوح في هذه الجلسة: سجّل الدخول مجددًا بكلمة المرور. العضو الجديد ينتظر حتى يسجّل أحد زملاء المنظمة الدخول.

## مشكلات الإدخال
problem-role-unknown = اختر مسؤولًا أو منسّقًا أو مستجيبًا.
problem-username-length = يتكوّن اسم المستخدم من 3 إلى 64 حرفًا.
problem-username-chars = استخدم فقط الحروف اللاتينية a–z والأرقام والنقطة والشرطة والشرطة السفلية.
problem-empty = هذا الحقل مطلوب.
problem-too-long = هذا طويل جدًا.
problem-control-chars = يحتوي هذا على رموز غير مسموح بها.
problem-slug-format = استخدم من 2 إلى 40 رمزًا من a–z و0–9 والشرطة.
problem-password-short = يجب أن تتكوّن كلمة المرور من 10 أحرف على الأقل. جملة تتذكّرها هي الخيار الأفضل.
problem-password-mismatch = كلمتا المرور مختلفتان.
problem-wrong-password = كلمة المرور هذه غير صحيحة.
problem-self-disable = لا يمكنك تعطيل حسابك الخاص.
problem-last-admin = لا يمكن تعطيل آخر مسؤول.
problem-account-disabled = هذا الحساب معطّل.
problem-token-name = أعطِ الرمز اسمًا من 1 إلى 100 حرف.
problem-recovery-key = مفتاح الاسترداد هذا لا يفتح مفتاح هذه المنظمة.
conflict-username = اسم المستخدم هذا مستخدم بالفعل.
conflict-slug = هذا الاسم المختصر تستخدمه منظمة أخرى بالفعل.
conflict-other = هذا موجود بالفعل.

## الأدوار والمفاتيح
role-admin = مسؤول
role-coordinator = منسّق
role-responder = مستجيب
key-held = يملك المفتاح
key-pending = في انتظار المفتاح
key-granted = مُنح المفتاح، يُفعَّل عند تسجيل الدخول التالي
key-none = لا مفتاح

## حقول النماذج
field-org = المنظمة
field-org-name = اسم المنظمة
field-org-slug = الاسم المختصر (في العناوين)
field-display-name = الاسم الظاهر للزملاء
field-username = اسم المستخدم
field-password = كلمة المرور
field-password-confirm = كلمة المرور مرة أخرى
field-current-password = كلمة المرور الحالية
field-new-password = كلمة المرور الجديدة
field-initial-password = كلمة المرور الأولية
field-role = الدور
hint-org-slug = مثلًا ligue-benin: حروف a–z وأرقام وشرطات.
hint-username = ليس اسمك الرسمي: أسماء المستخدمين غير مشفّرة.
hint-password = 10 أحرف على الأقل. تحمي كلمة المرور هذه أيضًا مفتاح منظمتك.

## التثبيت
setup-title = تثبيت Vigie
setup-intro = أنشئ أول منظمة في الشبكة وحساب المسؤول عنها.
setup-org-legend = المنظمة
setup-admin-legend = المسؤول
setup-submit = إنشاء
setup-link-invalid = رابط التثبيت هذا غير صالح أو مستخدم أو منتهي الصلاحية. أعد تشغيل الخادم لعرض رابط جديد.
setup-done-already = هذا الخادم مثبّت بالفعل.
setup-done-title = Vigie جاهز
setup-go-login = تسجيل الدخول

## مفتاح الاسترداد
recovery-title = مفتاح الاسترداد الخاص بالمنظمة
recovery-once = دوّنه الآن: لا يُعرض إلا مرة واحدة ولا يحتفظ به الخادم.
recovery-explain = إذا نسي جميع الأعضاء كلمات مرورهم، فهذا المفتاح هو الوسيلة الوحيدة لفتح بيانات المنظمة المحمية من جديد.
recovery-keep-1 = اطبعه أو اكتبه على ورق، واحفظه في مكان آمن بعيدًا عن الخادم.
recovery-keep-2 = لا ترسله بالبريد الإلكتروني أو عبر تطبيقات المراسلة، ولا تخزّنه على الخادم.
recovery-keep-3 = كل من يملكه مع نسخة من قاعدة البيانات يستطيع قراءة بيانات المنظمة.

## تسجيل الدخول
login-title = تسجيل الدخول
login-submit = دخول
login-failed = حساب غير معروف أو كلمة مرور غير صحيحة.
login-throttled = محاولات فاشلة كثيرة جدًا لهذا الحساب. حاول مجددًا بعد { $minutes ->
    [zero] أقل من دقيقة
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
    [many] { $minutes } دقيقةً
   *[other] { $minutes } دقيقة
}.
login-needs-setup = هذا الخادم غير مثبّت بعد: افتح رابط التثبيت الذي عرضه الخادم عند تشغيله.
login-password-changed = تم تغيير كلمة المرور. سجّل الدخول بكلمة المرور الجديدة.
login-logged-out = تم تسجيل خروجك.

## الرئيسية
home-title = الرئيسية
home-welcome = مرحبًا، { $name }
home-you-are = أنت { $role } في { $org }.
home-key-unlocked = مفتاح منظمتك مفتوح في هذه الجلسة: يمكنك قراءة بياناتها المحمية.
home-key-locked = مفتاح منظمتك غير مفتوح في هذه الجلسة. إذا كنت عضوًا جديدًا، فسيُمنح لك عندما يسجّل أحد الزملاء الدخول؛ ثم سجّل الدخول مجددًا.

## المنظمة
org-slug = الاسم المختصر
org-public-key = المفتاح العام
org-contacts-title = جهات الاتصال في حالات الطوارئ
org-contacts-explain = مشفّرة بمفتاح المنظمة: لا يستطيع قراءتها سوى أعضائها، حتى لو صودر الخادم.
org-contacts-label = بمن نتصل في حالة الطوارئ، وكيف
org-contacts-save = حفظ

## الحساب
account-title = حسابي
account-password-title = تغيير كلمة المرور
account-password-explain = يُعاد حماية مفتاح منظمتك بكلمة المرور الجديدة. تنتهي جميع جلساتك وتُلغى جميع رموز واجهة البرمجة الخاصة بك؛ سجّل الدخول مجددًا بعد ذلك، وأنشئ رموزًا جديدة إذا احتاجتها أدواتك.
account-password-submit = تغيير كلمة المرور
tokens-title = رموز الواجهة البرمجية
tokens-explain = للبرامج النصية والأدوات الأخرى. يعمل الرمز بدورك، لكنه لا يفتح البيانات المشفّرة أبدًا. تغيير كلمة مرورك (أو تعيين مسؤول لكلمة جديدة) يُلغي جميع الرموز.
tokens-name = اسم الرمز
tokens-status = الحالة
tokens-active = نشط
tokens-revoked = ملغى
tokens-none = ليس لديك أي رمز للواجهة البرمجية.
tokens-create = إنشاء رمز
tokens-revoke = إلغاء
tokens-shown-once = انسخ هذا الرمز الآن: لا يُعرض إلا مرة واحدة.

## الإدارة
users-title = الحسابات
users-key = المفتاح
users-status = الحالة
users-actions = الإجراءات
users-active = نشط
users-disabled = معطّل
users-disable = تعطيل
users-reset-password = إعادة تعيين كلمة المرور
users-add-title = إضافة حساب
users-add-explain = العضو المضاف إلى منظمة غير منظمتك ينتظر المفتاح حتى يسجّل أحد زملاء تلك المنظمة الدخول.
users-add-submit = إضافة
users-added = أُضيف الحساب { $username } ({ $key }).
users-password-reset = أُعيد تعيين كلمة المرور ({ $key }).
users-back = العودة إلى الحسابات
orgs-title = المنظمات
orgs-add-title = إضافة منظمة
orgs-add-submit = إنشاء المنظمة
orgs-back = العودة إلى المنظمات
problem-unknown-choice = اختر إحدى الإجابات المقترحة.
problem-receipt-format = هذا ليس رمز متابعة: 16 حرفًا ورقمًا، مثل 4F7K-9QX2-M3HD-P8WA.

## قناة الإبلاغ (عامة)
report-title = استمارة
report-heading = اطلب المساعدة من الشبكة
report-intro = أخبرنا بما يحدث لك أو لشخص تعرفه. لا تحتاج إلى حساب. أجب عمّا تستطيع: نوع الاعتداء ووصفك له فقط إلزاميان.
report-receiver = تصل رسالتك إلى:
report-quick-exit = خروج سريع
report-what = ماذا حدث؟ (اختر كل ما ينطبق)
report-platforms = أين حدث ذلك؟
report-description = ما حدث، بكلماتك
report-description-hint = من، ماذا، متى. لا تكتب كلمة مرورك هنا.
report-links = روابط المنشورات أو الحسابات المعنية
report-links-hint = رابط واحد في كل سطر.
report-since = منذ متى؟
report-ongoing = هل ما زال ذلك مستمرًا؟
report-yes = نعم
report-no = لا
report-target = من المستهدف؟
report-risk = هل أنت في خطر؟ (ضع علامة على ما ينطبق)
report-country = البلد
report-country-none = بلد آخر، أو أفضّل عدم الإفصاح
report-contact = كيف يمكننا التواصل معك؟
report-contact-address = العنوان أو الرقم أو اسم المستخدم على Signal
report-contact-language = بأي لغة؟
report-consent = أوافق على مشاركة بلاغي مع المنظمات الشريكة في الشبكة.
report-honeypot = اترك هذا الحقل فارغًا
report-sealed-note = يُشفَّر ما تكتبه فور وصوله: لا يستطيع قراءته إلا المنظمة التي تستلمه.
report-submit = إرسال
report-refused-address = أُرسلت بلاغات كثيرة جدًا من اتصالك خلال الساعة الماضية. يُرجى المحاولة مجددًا بعد { $minutes ->
    [zero] أقل من دقيقة
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
    [many] { $minutes } دقيقةً
   *[other] { $minutes } دقيقة
}.
report-refused-global = يتلقى مكتب المساعدة بلاغات كثيرة جدًا الآن. يُرجى المحاولة مجددًا بعد { $minutes ->
    [zero] أقل من دقيقة
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
    [many] { $minutes } دقيقةً
   *[other] { $minutes } دقيقة
}؛ لم يُحفظ أي شيء.
incident-harassment = مضايقات عبر الإنترنت
incident-threats = تهديدات بالعنف
incident-doxing = نُشرت معلوماتي الشخصية (الدوكسينغ)
incident-defamation = تشهير أو حملة تشويه
incident-hate_speech = خطاب الكراهية
incident-sexual_abuse = تحرش جنسي أو صور حميمة أو تزييف عميق
incident-impersonation = انتحال الشخصية أو حساب مزيّف
incident-account_compromise = استولى شخص ما على حسابي
incident-spyware = هاتفي أو حاسوبي مخترق (برنامج تجسس)
incident-phishing = تصيّد احتيالي (رسالة مزيّفة تطلب كلمات مروري)
incident-surveillance = المراقبة
incident-censorship = الرقابة أو حذف المحتوى
incident-blocking = موقع أو حساب محجوب
incident-shutdown = قطع الإنترنت أو إبطاؤه
incident-legal_harassment = ملاحقة قضائية بسبب نشاطي على الإنترنت
incident-other = شيء آخر
platform-facebook = فيسبوك
platform-instagram = إنستغرام
platform-whatsapp = واتساب
platform-x = إكس (تويتر)
platform-telegram = تيليغرام
platform-tiktok = تيك توك
platform-youtube = يوتيوب
platform-other = موقع أو تطبيق آخر
platform-offline = خارج الإنترنت
target-myself = أنا
target-someone_else = شخص آخر
target-organization = منظمة
risk-physical_threat = تلقيت تهديدات بالأذى الجسدي
risk-address_exposed = كُشف عنوان منزلي أو عائلتي
risk-intimate_images = الأمر يتعلق بصور حميمة لي
risk-account_controlled = ما زال المعتدي يسيطر على أحد حساباتي
contact-none = لا تتواصلوا معي
contact-email = البريد الإلكتروني
contact-signal = Signal
contact-phone = الهاتف
country-BJ = بنين
country-BF = بوركينا فاسو
country-CM = الكاميرون
country-CV = الرأس الأخضر
country-CI = كوت ديفوار
country-DZ = الجزائر
country-EG = مصر
country-GH = غانا
country-GM = غامبيا
country-GN = غينيا
country-GW = غينيا بيساو
country-IQ = العراق
country-JO = الأردن
country-LB = لبنان
country-LR = ليبيريا
country-LY = ليبيا
country-MA = المغرب
country-ML = مالي
country-MR = موريتانيا
country-NE = النيجر
country-NG = نيجيريا
country-PS = فلسطين
country-SD = السودان
country-SL = سيراليون
country-SN = السنغال
country-SY = سوريا
country-TD = تشاد
country-TG = توغو
country-TN = تونس
country-YE = اليمن
receipt-title = وصلت رسالتك
receipt-explain = هذا رمز المتابعة الخاص بك. به، وبه فقط، يمكنك معرفة ما يحدث لبلاغك والكتابة إلى الفريق.
receipt-keep-secret = دوّن هذا الرمز واحفظه سرًا: كل من يملكه يستطيع قراءة رسائل الفريق إليك. لن يُعرض مجددًا ولن يُرسل إليك بأي طريقة أخرى.
receipt-follow = متابعة بلاغي
follow-title = متابعة بلاغي
follow-intro = أدخل رمز المتابعة الذي تلقيته عند إرسال بلاغك.
follow-code = رمز المتابعة
follow-submit = عرض
follow-not-found = لا يوجد بلاغ يطابق هذا الرمز. تحقّق منه وحاول مجددًا.
follow-status = الحالة:
follow-messages = الرسائل
follow-none = لا توجد رسائل بعد. سيكتب إليك الفريق هنا.
follow-from-you = أنت
follow-from-team = الفريق
follow-reply = اكتب إلى الفريق
follow-send = إرسال
follow-sent = أُرسلت رسالتك.
status-new = وصل، في انتظار القراءة
status-triaged = قرأه الفريق
status-in_progress = قيد المعالجة
status-waiting_on_reporter = في انتظار ردّك
status-resolved = تمت معالجته
status-closed = مغلق

## الحالات (مكتب المساعدة)
nav-cases = الحالات
queue-title = الحالات
queue-any = الكل
queue-open = مفتوحة (غير محلولة وغير مغلقة)
queue-status = الحالة
queue-severity = الخطورة
queue-incident = النوع
queue-platform = المنصة
queue-language = اللغة
queue-assignee = مسندة إلى
queue-mine = أنا
queue-unassigned = لا أحد
queue-overdue = المواعيد
queue-overdue-only = المتأخرة فقط
queue-sort = الترتيب حسب
queue-sort-newest = الأحدث أولًا
queue-sort-oldest = الأقدم أولًا
queue-sort-severity = الأخطر أولًا
queue-sort-due = الموعد الأقرب
queue-apply = تصفية
queue-count = { $count ->
    [zero] لا حالات
    [one] حالة واحدة
    [two] حالتان
    [few] { $count } حالات
    [many] { $count } حالةً
   *[other] { $count } حالة
}
queue-empty = لا توجد حالة مطابقة.
queue-opened = فُتحت في
queue-due = موعد الحل
queue-late = متأخرة
queue-previous = الصفحة السابقة
queue-next = الصفحة التالية
severity-critical = حرجة
severity-high = عالية
severity-medium = متوسطة
severity-low = منخفضة
case-status-new = جديدة
case-status-triaged = تم الفرز
case-status-in_progress = قيد المعالجة
case-status-waiting_on_reporter = في انتظار صاحب البلاغ
case-status-resolved = محلولة
case-status-closed = مغلقة
case-action-triage = تعليم كمفروزة
case-action-start = بدء العمل
case-action-await_reporter = انتظار صاحب البلاغ
case-action-reporter_replied = ردّ صاحب البلاغ
case-action-resolve = حلّ
case-action-close = إغلاق
case-action-close_as_spam = إغلاق كبريد مزعج
case-action-close_as_duplicate = إغلاق كمكررة
case-action-reopen = إعادة الفتح
case-title = الحالة { $id }
case-overdue = هذه الحالة متأخرة.
case-first-response-due = موعد الرد الأول
case-resolution-due = موعد الحل
case-take = تولّي هذه الحالة
case-report = البلاغ
case-thread = الرسائل مع صاحب البلاغ
case-from-reporter = صاحب البلاغ
case-write = اكتب إلى صاحب البلاغ
case-notes = ملاحظات داخلية
case-add-note = إضافة ملاحظة داخلية (لا تظهر أبدًا لصاحب البلاغ)
case-save-note = حفظ الملاحظة
case-manage = الخطورة والإسناد
case-severity-reason = سبب التغيير
case-change-severity = تغيير الخطورة
case-assign = إسناد
case-history = السجل
case-transition-refused = هذا الإجراء غير ممكن في الحالة الراهنة للملف.
event-opened = وصل البلاغ
event-reporter_message = رسالة من صاحب البلاغ
event-report_viewed = فُتح البلاغ
event-message_sent = أُرسلت رسالة إلى صاحب البلاغ
event-status = تغيّرت الحالة
event-severity = تغيّرت الخطورة
event-assigned = أُسندت
event-note_added = أُضيفت ملاحظة

## أدلة الاستجابة
nav-playbooks = الأدلة
receipt-first-steps = ما يمكنك فعله الآن ريثما ننتظر
case-playbooks = أدلة الاستجابة
playbooks-title = أدلة الاستجابة
playbooks-explain = خطوات الاستجابة الأولى حسب نوع الحادثة. تختارها إجابات البلاغ لحالته؛ ويرى صاحب البلاغ الخطوات المخصصة له فور إرساله.
playbooks-reporter-steps = الخطوات المعروضة على صاحب البلاغ
playbooks-edit = تعديل
playbooks-edit-explain = خطوة واحدة في كل سطر. يجب أن يكون عدد الخطوات متساويًا في كل لغة: السطر رقم N هو الخطوة نفسها في كل اللغات.
playbooks-field-title = العنوان
playbooks-field-steps = خطوات مكتب المساعدة
playbooks-save = حفظ الدليل
problem-step-count-mismatch = يجب أن يكون عدد الخطوات متساويًا في كل لغة، خطوة واحدة في كل سطر.
event-step_done = أُنجزت خطوة
event-step_undone = أُلغي إنجاز خطوة
case-tags = الوسوم
case-tags-hint = مفصولة بفواصل.
case-save-tags = حفظ الوسوم
case-linked = حالات مرتبطة
case-owner = المنظمة المسؤولة
case-shared-with = تمت مشاركتها مع
case-organize = التنظيم
case-link-to = ربط بالحالة رقم
case-link = ربط
case-merge-into = هذا البلاغ مكرر للحالة رقم
case-merge = دمج في تلك الحالة
case-share-with = المشاركة مع المنظمة
case-share = مشاركة
problem-no-consent = لم يوافق صاحب البلاغ على مشاركة بلاغه مع المنظمات الشريكة.
problem-out-of-range = خارج النطاق: السجل ليس بهذا الحجم.
problem-url-format = يجب أن يكون عنوانًا يبدأ بـ http:// أو https://.
problem-country-code = يجب أن يكون رمز بلد من حرفين، مثل TG أو IR.
problem-target-format = يجب أن يكون كل سطر نطاقًا أو عنوانًا يبدأ بـ http:// أو https://.
problem-key-format = ليس مفتاحًا عامًا من نوع Ed25519 بترميز base64.
problem-channel-address = ليس عنوانًا من هذا النوع: عنوان بريد إلكتروني، أو رابط http(s)://، أو معرّف غرفة ماتريكس (!…).
problem-guide-slug = استخدم من 2 إلى 60 حرفًا لاتينيًا صغيرًا أو رقمًا أو شرطة (مثلًا securing-accounts).
problem-missing-title = يحتاج الدليل إلى عنوان في سطره الأول يبدأ بـ «# ».
problem-missing-summary = يحتاج الدليل إلى فقرة ملخص قصيرة تحت عنوانه.
event-shared = تمت المشاركة
event-linked = تم الربط
event-merged = تم الدمج
event-tagged = تغيّرت الوسوم

## الملفات
files-label = ملفات (لقطات شاشة، مقاطع فيديو، مستندات)
files-hint = حتى { $files ->
    [one] ملف واحد
    [two] ملفين
    [few] { $files } ملفات
    [many] { $files } ملفًا
   *[other] { $files } ملف
}، { $per_file } ميغابايت لكل ملف، و{ $per_form } ميغابايت إجمالًا. صور أو فيديو أو رسائل صوتية أو PDF أو نص.
files-refused-kind = أحد الملفات من نوع غير مقبول (صور، فيديو، صوت، PDF، نص). لم يُحفظ أي شيء؛ يُرجى اختيار ملفاتك من جديد.
files-refused-interrupted = انقطع الإرسال قبل اكتماله (ربما انقطع الاتصال). لم يُحفظ أي ملف؛ يُرجى المحاولة مجددًا، أو إرسال بلاغك من دون الملفات.
files-refused-size = الملفات كبيرة جدًا: { $per_file } ميغابايت لكل ملف و{ $per_form } ميغابايت إجمالًا كحد أقصى. لم يُحفظ أي ملف؛ اختر ملفات أصغر، أو أرسل بلاغك من دونها.
files-refused-count = ملفات كثيرة جدًا ({ $files } كحد أقصى). لم يُحفظ أي ملف؛ يُرجى اختيار ملفاتك من جديد.
files-attach-again = يُرجى اختيار ملفاتك من جديد: لم تُحفظ لأن النموذج احتوى على خطأ.
report-without-files-explain = لم يُرسَل بلاغك بعد، وكل ما كتبته ما زال هنا. يمكنك إرساله الآن من دون الملفات، ثم إضافتها لاحقًا من صفحة المتابعة برمز الإيصال (بضعة ملفات في كل مرة إذا كان اتصالك بطيئًا).
report-without-files = أرسل بلاغي من دون الملفات
not-set-up-explain = خادم Vigie هذا لم يُهيَّأ بعد، ولذلك لا يمكنه استقبال البلاغات. يُرجى التواصل مع المنظمة التي أعطتك هذا العنوان، أو المحاولة لاحقًا.
files-add-title = إضافة ملفات
files-add = إضافة الملفات
files-none-chosen = لم يُختر أي ملف.
files-added = { $count ->
    [zero] لم يُضف أي ملف.
    [one] أُضيف ملف واحد.
    [two] أُضيف ملفان.
    [few] أُضيفت { $count } ملفات.
    [many] أُضيف { $count } ملفًا.
   *[other] أُضيف { $count } ملف.
}
case-files = الملفات
event-files_added = أُضيفت ملفات
event-file_viewed = فُتح ملف
event-thread_viewed = عُرضت الرسائل
event-notes_viewed = عُرضت الملاحظات
queue-scope = الحالات
queue-scope-own = حالات منظمتنا
queue-scope-shared = تمت مشاركتها معنا

## Evidence vault
evidence-heading = الأدلة
evidence-none = لم تُسجَّل أي أدلة بعد.
evidence-kind-file = ملف
evidence-kind-capture = صفحة محفوظة
evidence-kind-post = منشور علني
evidence-leaf = المدخل رقم { $index } في السجل
evidence-added = أضيف في { $time } بواسطة { $who }
evidence-post-heading = تسجيل منشور علني
evidence-post-platform = المنصة
evidence-post-url = عنوان المنشور
evidence-post-author = الكاتب (المعرّف)
evidence-post-time = تاريخ النشر (اختياري، كما يظهر على المنصة)
evidence-post-text = نص المنشور
evidence-post-submit = تسجيل المنشور
evidence-capture-heading = حفظ صفحة ويب
evidence-capture-help = تجلب Vigie الصفحة الآن وتحفظها كأرشيف ويب (WARC) مع ترويساتها والعنوان النهائي بعد التحويلات وشهادات الموقع.
evidence-capture-url = العنوان المراد حفظه
evidence-capture-submit = حفظ هذا الرابط
evidence-capture-failed = تعذّر حفظ الصفحة: { $reason }
evidence-bundle-heading = حزمة الأدلة
evidence-bundle-help = ملف واحد يضم الأدلة مفتوحة وسجلاتها وإثباتات إدراجها في السجل غير القابل للتلاعب. يمكن لأي شخص التحقق منه دون اتصال باستخدام «vigie verify».
evidence-bundle-submit = تصدير حزمة الأدلة
evidence-locked = سجّل الدخول من جديد بكلمة المرور لفتح الأدلة.
bundle-title = حزمة أدلة الحالة { $case }
bundle-intro = تضم هذه الحزمة أدلة الحالة وسجلها والإثباتات التشفيرية على أن كل عنصر أُدرج في السجل غير القابل للتلاعب الخاص بالخادم. هذه الصفحة للقراءة؛ أما الإثبات ففي الملفات المرافقة.
bundle-items = عناصر الأدلة
bundle-kind = النوع
bundle-what = المحتوى
bundle-when = تاريخ الحفظ
bundle-who = أضافه
bundle-history = سجل الحالة
bundle-proof = الإثبات
bundle-tree-head = رأس الشجرة الموقّع: { $size ->
    [zero] لا مدخلات
    [one] مدخل واحد
    [two] مدخلان
    [few] { $size } مدخلات
    [many] { $size } مدخلًا
   *[other] { $size } مدخل
} في السجل بتاريخ { $time } بالتوقيت العالمي. الجذر:
bundle-key = المفتاح العام للخادم:
bundle-how-to-verify = للتحقق من الحزمة كاملة دون اتصال، شغّل:
error-capture-failed = تعذّر حفظ الصفحة (غير متاحة أو مرفوضة أو كبيرة جدًا أو عنوان داخلي).

## الحملات
nav-campaigns = الحملات
campaigns-title = الحملات
campaigns-last-run = آخر تشغيل للكشف: { $time } بالتوقيت العالمي، { $observations ->
    [zero] لم يُقرأ أي منشور
    [one] قُرئ منشور واحد
    [two] قُرئ منشوران
    [few] قُرئت { $observations } منشورات
    [many] قُرئ { $observations } منشورًا
   *[other] قُرئ { $observations } منشور
}، { $campaigns ->
    [zero] ولم تُوجد أي حملة.
    [one] ووُجدت حملة واحدة.
    [two] ووُجدت حملتان.
    [few] ووُجدت { $campaigns } حملات.
    [many] ووُجدت { $campaigns } حملةً.
   *[other] ووُجدت { $campaigns } حملة.
}
campaigns-never-run = لم يُشغَّل الكشف بعد.
campaigns-run = شغّل الكشف الآن
campaigns-run-hint = يقرأ كل المنشورات المحفوظة؛ قد يستغرق دقيقة مع مجموعة كبيرة.
campaigns-active-only = اعرض الحملات النشطة فقط
campaigns-show-all = اعرض أيضًا الحملات التي لم تعد تُكتشف
campaigns-empty = لم تُكتشف أي حملة.
campaign-title = الحملة { $id }
campaign-score = الدرجة
campaign-accounts = الحسابات
campaign-posts = المنشورات
campaign-platforms = المنصات
campaign-first-seen = أول ظهور
campaign-last-seen = آخر ظهور
campaign-hashtags = الوسوم
campaign-inactive = (لم تعد تُكتشف)
campaign-inactive-notice = لم يعد آخر تشغيل للكشف يجد هذه الحملة؛ وهي محفوظة مع روابطها بالقضايا.
campaign-peak = ذروة المنشورات في الساعة
campaign-burstiness = التدفق (−1 منتظم، 0 عشوائي، 1 على دفعات)
campaign-detected = تاريخ الكشف
campaign-top-accounts = أنشط الحسابات
campaign-account = الحساب
campaign-platform = المنصة
campaign-account-links = الحسابات المرتبطة
campaign-more-accounts = { $count ->
    [zero] لا حسابات أخرى في ملفات التصدير.
    [one] حساب آخر موجود في ملفات التصدير.
    [two] حسابان آخران موجودان في ملفات التصدير.
    [few] { $count } حسابات أخرى موجودة في ملفات التصدير.
    [many] { $count } حسابًا آخر موجودة في ملفات التصدير.
   *[other] { $count } حساب آخر موجودة في ملفات التصدير.
}
campaign-representative = منشورات نموذجية
campaign-copies = { $count ->
    [zero] لا نسخ متقاربة
    [one] نسخة متقاربة واحدة
    [two] نسختان متقاربتان
    [few] { $count } نسخ متقاربة
    [many] { $count } نسخةً متقاربة
   *[other] { $count } نسخة متقاربة
}
campaign-traces = آثار مشتركة
campaign-trace-posts = { $count ->
    [zero] لا منشورات
    [one] منشور واحد
    [two] منشوران
    [few] { $count } منشورات
    [many] { $count } منشورًا
   *[other] { $count } منشور
}
campaign-cases = القضايا المرتبطة
campaign-no-cases = لا توجد قضية مرتبطة بهذه الحملة.
campaign-unlink = فكّ الربط
campaign-link-case = اربط قضية (رقمها)
campaign-link = اربط القضية
campaign-case-invalid = أدخل رقم قضية.
campaign-case-unknown = لا توجد قضية بهذا الرقم متاحة لك.
campaign-export = التصدير
campaign-export-csv = المنشورات (CSV، سطر لكل منشور)
campaign-export-json = التقرير الكامل (JSON)
timeline-title = المنشورات عبر الزمن
timeline-per-hour = منشورات في الساعة، بالتوقيت العالمي
timeline-per-hours = منشورات لكل { $hours ->
    [one] ساعة
    [two] ساعتين
    [few] { $hours } ساعات
    [many] { $hours } ساعةً
   *[other] { $hours } ساعة
}، بالتوقيت العالمي
trace-text = النص نفسه
trace-image = الصورة نفسها
trace-hashtag_sequence = الوسوم نفسها
trace-link = الرابط نفسه
trace-mention = الإشارة نفسها
why-title = لماذا ترتبط هذه الحسابات؟
why-account-a = الحساب الأول
why-account-b = الحساب الثاني
why-submit = اشرح
why-direct = مرتبطان مباشرة عبر { $count ->
    [zero] { $count } فعل منسق
    [one] فعل منسق واحد
    [two] فعلين منسقين
    [few] { $count } أفعال منسقة
    [many] { $count } فعلًا منسقًا
   *[other] { $count } فعل منسق
}:
why-through = مرتبطان عبر حسابات أخرى:
why-not-linked = هذان الحسابان غير مرتبطين في هذه الحملة.
why-unknown-account = أحد الحسابين ليس جزءًا من هذه الحملة.
why-gap = بفارق { $minutes } د { $seconds } ث
case-campaigns = الحملات والمنشورات العامة
case-campaigns-none = لا توجد حملة مرتبطة بهذه القضية.
case-observations = المنشورات العامة المرفقة
case-observations-none = لا توجد منشورات مرفقة.
case-observations-attach = أرفق منشورات عامة
case-observations-hint = أرقام الملاحظات مفصولة بفواصل، كما تظهر في تصدير JSON للحملة (post_ids).
case-observations-submit = أرفق
case-observations-invalid = أدخل أرقام ملاحظات مفصولة بفواصل.
case-observations-unknown = أحد أرقام الملاحظات هذه غير موجود.
event-campaign_linked = رُبطت حملة
event-campaign_unlinked = فُكّ ربط حملة
event-observations_attached = أُرفقت منشورات عامة

## رصد الشبكة
nav-watch = رصد الشبكة
watch-title = رصد الشبكة
watch-intro = انقطاعات الإنترنت وإبطاؤه والمواقع المحجوبة، استنادًا إلى قياسات OONI المفتوحة ومجسّات الشبكة نفسها. يعمل الكشف كل عشر دقائق.
watch-refresh = شغّل الكشف الآن
watch-refresh-hint = يعمل أيضًا تلقائيًا كل عشر دقائق.
watch-open-events = أحداث جارية
watch-no-open-events = لا يوجد حدث جارٍ.
watch-countries = البلدان المقيسة (آخر 30 يومًا)
watch-no-data = لا قياسات بعد. استورد قياسات OONI باستخدام `vigie import ooni` أو سجّل مجسًّا.
watch-no-recent = لا قياسات في آخر 30 يومًا.
watch-older-stored = { $count ->
    [zero] لا قياسات أقدم محفوظة.
    [one] قياس واحد أقدم محفوظ:
    [two] قياسان أقدم محفوظان:
    [few] { $count } قياسات أقدم محفوظة:
    [many] { $count } قياسًا أقدم محفوظًا:
   *[other] { $count } قياس أقدم محفوظ:
}
watch-measurements-count = { $count ->
    [zero] لا قياسات
    [one] قياس واحد
    [two] قياسان
    [few] { $count } قياسات
    [many] { $count } قياسًا
   *[other] { $count } قياس
}
watch-period = من { $from } إلى { $to } (بالتوقيت العالمي)، كما قيس حينها.
watch-period-recent = آخر 30 يومًا
watch-period-events = الأحداث التي بدأت في هذه الفترة
watch-period-no-events = لم يبدأ أي حدث في هذه الفترة.
watch-country = البلد
watch-measurements = القياسات
watch-last-hour = آخر ساعة فيها بيانات
watch-country-title = رصد الشبكة: { $country }
watch-now-outage = الآن: انقطاع جارٍ.
watch-now-interference = الآن: تدخّل جارٍ (انظر الأحداث أدناه).
watch-now-no-data = لا قياسات لهذا البلد في آخر 30 يومًا.
watch-now-normal = الآن: لم يُكشف أي شيء غير عادي.
watch-signals = الإشارات في كل ساعة
watch-chart-title = القياسات ونسبة الناجح منها
watch-chart-shaded = المظلَّل: الأحداث المكتشفة.
watch-chart-empty = لا قياسات لرسمها.
watch-per-hour = في الساعة، بالتوقيت العالمي
watch-per-hours = لكل { $hours ->
    [one] ساعة
    [two] ساعتين
    [few] { $hours } ساعات
    [many] { $hours } ساعةً
   *[other] { $hours } ساعة
}، بالتوقيت العالمي
watch-signal-volume = القياسات
watch-signal-success = نسبة الناجح
watch-blocked-targets = الأهداف المحجوبة، حسب الشبكة
watch-no-blocked-targets = لم يُرصد أي هدف محجوب.
watch-asn = الشبكة
watch-test = الاختبار
watch-target = الهدف
watch-state = الحالة
watch-layer = أين
watch-blocked-of = المحجوب / المقيس
watch-all-events = أحداث آخر 30 يومًا
watch-no-events = لا أحداث في آخر 30 يومًا.
watch-event-kind = النوع
watch-event-subject = الموضوع
watch-event-start = البداية
watch-event-end = النهاية
watch-event-severity = الشدة
watch-ongoing = جارٍ
watch-kind-blocking = حجب
watch-kind-outage = انقطاع
watch-kind-throttling = إبطاء
watch-layer-dns = DNS
watch-layer-tcp_ip = TCP/IP
watch-layer-http-failure = فشل HTTP أو TLS
watch-layer-http-diff = صفحة مستبدلة
watch-state-reachable = متاح
watch-state-blocked = محجوب
watch-state-insufficient = قياسات غير كافية
alerts-title = التنبيهات
alerts-intro = يصدر تنبيه عند بدء حدث وعند انتهائه.
alerts-show-all = كل التنبيهات
alerts-show-mine = بلداني فقط
alerts-feed-json = تغذية JSON
alerts-feed-atom = تغذية Atom
alerts-subscriptions = بلداني
alerts-subscriptions-hint = رموز من حرفين تفصل بينها مسافات (TG BJ IR)، أو * لكل البلدان.
alerts-subscribe = حفظ
alerts-empty = لا تنبيهات بعد.
alert-at = متى
alert-change = التغيير
alert-opened = بدأ
alert-closed = انتهى
alert-summary-open = جارٍ منذ { $start } بالتوقيت العالمي.
alert-summary-ended = من { $start } إلى { $end } بالتوقيت العالمي.
disruptions-title = الاضطرابات
probes-title = المجسّات
probes-intro = تقيس مجسّات الشبكة الأهداف أدناه من اتصالات الأعضاء وترسل نتائج موقّعة، تنتظر في طابور ما دام الخادم غير متاح.
probes-targets = الأهداف
probes-targets-label = الأهداف التي يقيسها كل مجسّ
probes-targets-hint = نطاق أو عنوان http(s) واحد في كل سطر؛ الأسطر التي تبدأ بـ # تعليقات.
probes-targets-save = حفظ الأهداف
probes-enrolled = المجسّات المسجّلة
probes-none = لا مجسّات مسجّلة بعد.
probe-name = الاسم
probe-enrolled-at = تاريخ التسجيل
probe-last-seen = آخر نتيجة
probe-revoked = ملغى
probe-revoke = إلغاء
probes-enrol = تسجيل مجسّ
probes-enrol-hint = يسجّل الرمز مجسًّا واحدًا خلال سبعة أيام. سلّمه للعضو شخصيًا أو عبر قناة آمنة.
probes-new-token = رمز تسجيل جديد
probes-token-once = رمز التسجيل (يظهر الآن فقط):
probes-token-command = على جهاز العضو:

## Disruptions
disruptions-intro = انقطاعات الإنترنت وإبطاؤه، بحقول مجموعة بيانات STOP من Access Now. تقترح أدوات الكشف سجلات، ويؤكدها المنسقون أو يعدّلونها أو يرفضونها. يُحفظ كل تغيير.
disruptions-new = إدخال اضطراب يدويًا
disruptions-export = تصدير بصيغة STOP CSV
disruptions-empty = لا سجلات اضطراب.
disruptions-filter-all = الكل
disruption-review-proposed = مقترح
disruption-review-confirmed = مؤكَّد
disruption-review-rejected = مرفوض
disruption-col-start = البداية
disruption-col-end = النهاية
disruption-col-review = المراجعة
disruption-col-type = النوع
disruption-col-area = المنطقة
disruption-title = الاضطراب { $id }
disruption-version = الإصدار { $version }
disruption-origin-detected = اقترحته أداة الكشف للحدث { $event }.
disruption-origin-manual = أُدخل يدويًا.
disruption-origin-imported = مستورد من ملف STOP (الصف { $row }).
disruption-event = الحدث المكتشف
disruption-evidence = أدلة Vigie
disruption-evidence-cells = القياسات المستند إليها
disruption-confirm = تأكيد
disruption-reject = رفض
disruption-reopen = إعادة إلى مقترح
disruption-note = ملاحظة (سبب التغيير)
disruption-edit = تعديل
disruption-save = حفظ كإصدار جديد
disruption-create = إنشاء السجل
disruption-problems = قيم يجب التحقق منها (محفوظة كما كُتبت):
disruption-versions = السجل التاريخي
disruption-version-by-system = Vigie
disruption-changed-meanwhile = حفظ شخص آخر إصدارًا آخر في الأثناء: أعد تحميل الصفحة وأعد تعديلك.
disruption-fields = الحقول (مفردات STOP)
disruption-fields-hint = استخدم مفردات STOP (تُقترح أثناء الكتابة)؛ وافصل بين القيم المتعددة بفاصلة. التواريخ بصيغة YYYY-MM-DD.
stop-col-start_date_type = تاريخ البداية: فعلي أم تقديري
stop-col-start_date = تاريخ البداية
stop-col-country = البلد
stop-col-geo_scope = النطاق الجغرافي
stop-col-area_name = المنطقة
stop-col-shutdown_type = النوع (قطع، إبطاء)
stop-col-affected_network = الشبكة المتأثرة
stop-col-shutdown_extent = المدى (الشبكة كلها، خدمات)
stop-col-ordered_by = بأمر من
stop-col-decision_maker = صاحب القرار
stop-col-actual_cause = السبب الفعلي
stop-col-actual_cause_details = تفاصيل السبب
stop-col-info_source = نوع المصدر
stop-col-info_source_link = روابط المصادر
stop-col-shutdown_status = الحالة
stop-col-end_date = تاريخ النهاية
stop-col-duration = المدة (أيام)
stop-col-gov_justification = مبرر الحكومة
stop-col-gov_just_details = تفاصيل المبرر
stop-col-gov_ack = اعترفت به الحكومة
stop-col-legal_just = قُدّم مبرر قانوني
stop-col-legal_method = الأساس القانوني
stop-col-gov_ack_source = مصدر الاعتراف
stop-col-gov_ack_quote = نص الاعتراف
stop-col-facebook_affected = تأثر فيسبوك
stop-col-twitter_affected = تأثر تويتر/إكس
stop-col-whatsapp_affected = تأثر واتساب
stop-col-instagram_affected = تأثر إنستغرام
stop-col-telegram_affected = تأثر تيليغرام
stop-col-other_affected = خدمات أخرى متأثرة
stop-col-sms_affected = تأثرت الرسائل القصيرة
stop-col-phonecall_affected = تأثرت المكالمات
stop-col-telcos_involved = شركات الاتصالات المعنية
stop-col-telco_ack = اعترف به المشغّل
stop-col-telco_ack_source = مصدر المشغّل
stop-col-telco_ack_quote = نص المشغّل
stop-col-election = خلال انتخابات
stop-col-violence = عنف مرافق
stop-col-hr_abuse_reported = انتهاكات حقوقية مُبلغ عنها
stop-col-users_targeted = المستخدمون المستهدفون
stop-col-users_target_detail = من استُهدف
stop-col-users_notified = أُبلغ المستخدمون
stop-col-econ_impact = الأثر الاقتصادي
stop-col-event = ما حدث
stop-col-an_link = رابط Access Now
stop-col-region = الإقليم
stop-col-count_year = سنة الاحتساب
stop-problem-missing = مطلوب
stop-problem-not-a-date = ليس تاريخًا (يكتب STOP ‎2019-06-22)
stop-problem-not-days = ليس عددًا من الأيام
stop-problem-negative-duration = مدة سالبة
stop-problem-not-a-year = ليست سنة
stop-problem-end-before-start = ينتهي قبل أن يبدأ
stop-problem-ended-without-end = موسوم بأنه انتهى لكن بلا تاريخ نهاية
stop-problem-ongoing-with-end = موسوم بأنه جارٍ لكن له تاريخ نهاية
stop-problem-unknown-country = لا يُعرف رمز ISO 3166 لهذا البلد
stop-problem-spelling = يكتبها STOP هكذا: «{ $stop }»
stop-problem-vocabulary = ليست من مفردات STOP ({ $words })

## التصعيد إلى المنصات (رموز وحدة escalation في vigie-core)
escalation-platform-facebook = فيسبوك
escalation-platform-instagram = إنستغرام
escalation-platform-whatsapp = واتساب
escalation-platform-threads = ثريدز
escalation-platform-x = إكس (تويتر)
escalation-platform-telegram = تيليغرام
escalation-platform-tiktok = تيك توك
escalation-platform-youtube = يوتيوب
escalation-platform-other = { $name } (منصة أخرى)
escalation-company-meta = ميتا
escalation-company-google = غوغل
escalation-channel-trusted_partner = قناة الشريك الموثوق أو المُبلِّغ الموثوق
escalation-channel-in_product = الإبلاغ من داخل التطبيق
escalation-channel-web_form = استمارة على الويب
escalation-channel-email = البريد الإلكتروني
escalation-channel-legal_request = طلب قانوني
escalation-category-threat_of_violence = تهديد بالعنف
escalation-category-incitement = تحريض على العنف
escalation-category-hate = خطاب الكراهية
escalation-category-harassment = مضايقة أو تنمّر
escalation-category-sexual_harassment = تحرّش جنسي
escalation-category-doxing = كشف معلومات خاصة (الدوكسينغ)
escalation-category-non_consensual_intimate_imagery = صور حميمة نُشرت دون موافقة
escalation-category-impersonation = انتحال الشخصية
escalation-category-coordinated_inauthentic_behaviour = سلوك زائف منسَّق
escalation-category-defamation = تشهير
escalation-category-other = أخرى
escalation-item-post = منشور
escalation-item-account = حساب
escalation-item-group = مجموعة أو صفحة أو قناة
escalation-outcome-removed = أُزيل
escalation-outcome-restricted_reach = قُيِّد انتشاره
escalation-outcome-restricted_age = قُيِّد حسب العمر
escalation-outcome-labelled = وُسم بعلامة تحذيرية
escalation-outcome-account_suspended = عُلِّق الحساب
escalation-outcome-no_violation_found = لم تُرصد أي مخالفة
escalation-outcome-no_reply = لا رد
escalation-status-draft = مسودة
escalation-status-sent = أُرسل
escalation-status-acknowledged = أُكِّد الاستلام
escalation-status-decided = صدر القرار
escalation-status-closed = مغلق
escalation-action-send = تسجيل الإرسال
escalation-action-acknowledge = تسجيل تأكيد الاستلام
escalation-action-decide = تسجيل القرار
escalation-action-close = إغلاق
escalation-link-reescalation = إعادة التصعيد
escalation-link-appeal = طعن
escalation-dimension-platform = المنصة
escalation-dimension-category = فئة السياسة
escalation-dimension-country = البلد
escalation-dimension-severity = الخطورة
escalation-dimension-month = الشهر
escalation-dimension-quarter = ربع السنة
escalation-dimension-year = السنة
event-escalation_created = أُحيلت إلى منصة
event-escalation_status = تغيّرت حالة الإحالة إلى المنصة
event-escalation_reescalation = أُعيدت إحالتها إلى منصة
event-escalation_appeal = طُعن في قرار المنصة
event-escalation_package = أُعدّت حزمة الإحالة
nav-accountability = المساءلة
accountability-title = مساءلة المنصات
accountability-intro = ما أحالته المنظمة إلى المنصات، والوقت الذي استغرقته للرد ولاتخاذ إجراء، ومدى تكرار اتخاذها إجراءً. تُحسب المدد من يوم إرسال الإحالة.
accountability-from = من
accountability-to = إلى
accountability-group = التجميع حسب
accountability-group-none = لا شيء (الكل معًا)
accountability-period = حسب الفترة
accountability-period-none = الفترة كاملة
accountability-apply = عرض
accountability-items-total = { $count ->
    [zero] لم يُحَل أي عنصر في هذه الفترة.
    [one] عنصر واحد أُحيل في هذه الفترة.
    [two] عنصران أُحيلا في هذه الفترة.
    [few] { $count } عناصر أُحيلت في هذه الفترة.
   *[other] { $count } عنصرًا أُحيل في هذه الفترة.
}
accountability-empty = لم يُرسَل شيء إلى أي منصة في هذه الفترة.
accountability-table = الأرقام حسب المجموعة
accountability-all = كل العناصر
accountability-items = العناصر
accountability-first-reply = مدة أول رد
accountability-action = مدة اتخاذ الإجراء
accountability-median = الوسيط
accountability-p90 = المئين التسعون
accountability-action-rate = نسبة الإجراء
accountability-never-answered = بلا رد أبدًا
accountability-re-escalated = أُعيدت إحالتها
accountability-country-unknown = بلد غير معروف
accountability-hours = { $n } س
accountability-days = { $n ->
    [one] يوم واحد
    [two] يومان
    [few] { $n } أيام
   *[other] { $n } يومًا
}
accountability-per-platform = حسب المنصة
accountability-chart-action-rate = نسبة الإجراء حسب المنصة (ما اتُّخذ فيه إجراء من بين العناصر التي صدر فيها قرار)
accountability-chart-median-action = وسيط مدة اتخاذ الإجراء حسب المنصة
accountability-chart-distribution = مدة اتخاذ الإجراء: عناصر عولجت خلال
accountability-within-1h = ساعة واحدة
accountability-within-6h = 6 ساعات
accountability-within-1d = يوم واحد
accountability-within-3d = 3 أيام
accountability-within-7d = 7 أيام
accountability-within-30d = 30 يومًا
accountability-within-more = أكثر من 30 يومًا
accountability-trend = التطور
accountability-chart-trend = نسبة الإجراء ووسيط مدة الإجراء حسب الربع
accountability-chart-empty = لا أرقام بعد.
accountability-method = الوسيط والمئين التسعون بطريقة أقرب رتبة، على العناصر التي تلقت ردًا أو إجراءً (n). الإجراء: الحذف أو التقييد أو الوسم أو تعليق الحساب؛ تُحسب النسبة على العناصر التي صدر فيها قرار («لا رد» ليس قرارًا). «بلا رد أبدًا» و«أُعيدت إحالتها» تُحسبان على كل العناصر.

## Escalation pages
escalations-heading = الإحالات إلى المنصات
escalations-none = لم تُحل هذه القضية إلى أي منصة.
escalation-new-link = الإحالة إلى منصة
escalation-platform = المنصة
escalation-channel = القناة
escalation-status = الحالة
escalation-items = العناصر
escalation-overdue = لا رد في المهلة (الموعد { $due } بالتوقيت العالمي)
escalation-new-heading = الإحالة إلى منصة
escalation-new-title = إحالة القضية رقم { $id } إلى منصة
escalation-back-to-case = العودة إلى القضية
escalation-platform-other-choice = منصة أخرى (اكتب اسمها)
escalation-other-name = اسم المنصة الأخرى
escalation-narrative = العرض الموجّه إلى المنصة
escalation-narrative-hint = مختوم مثل الملاحظات. لا يدخل في حزمة إلا إذا اخترت «تضمين العرض».
escalation-no-evidence = لا أدلة في القضية بعد: سجّل منشورًا أو التقط صفحة أولًا.
escalation-create = حفظ الإحالة مسودةً
escalation-title = الإحالة رقم { $id }
escalation-of-case = القضية رقم { $id }
escalation-created-at = صيغت
escalation-sent-at = أُرسلت
escalation-acknowledged-at = أُقرّ بالاستلام
escalation-decided-at = صدر القرار
escalation-closed-at = أُغلقت
escalation-at-hint = اتركه فارغًا للوقت الحالي (بالتوقيت العالمي).
escalation-follow-up = إعادة الإحالة أو الطعن
escalation-follow-up-submit = صياغة المتابعة
escalation-field-problem = { $field }: { $problem }
escalation-item-problem = العنصر { $n }: { $problem }
escalation-refused-transition = هذه الخطوة غير ممكنة في حالة الإحالة الحالية.
escalation-refused-time-order = هذا التاريخ يسبق الخطوة السابقة.
escalation-refused-outcome-count = أعط نتيجة لكل عنصر.
escalation-refused-not-decided = لا يمكن إعادة الإحالة أو الطعن إلا في إحالة صدر فيها قرار أو أُغلقت.
escalation-field-platform = المنصة
escalation-field-channel = القناة
escalation-field-narrative = العرض
escalation-field-items = العناصر
escalation-field-item_type = النوع
escalation-field-url = العنوان (URL)
escalation-field-post_id = معرّف المنشور على المنصة
escalation-field-account = الحساب (أو اسم المجموعة)
escalation-field-name = اسم المجموعة أو القناة
escalation-field-excerpt = المقتطف
escalation-field-language = لغة المقتطف (ar، fr، en…)
escalation-field-translation = الترجمة
escalation-field-media = الوسائط
escalation-field-platform_words = كلمات المنصة
escalation-field-platform_policy = اسم قاعدة المنصة (اختياري)
escalation-field-reference = مرجع المنصة
escalation-field-at = التاريخ والوقت (بالتوقيت العالمي)
escalation-field-evidence_item = عنصر الدليل
escalation-field-posted_at = تاريخ النشر
escalation-field-severity = الخطورة
escalation-field-category = فئة القاعدة
escalation-field-outcome = النتيجة
escalation-field-kind = النوع
accountability-report = تقرير الشفافية
accountability-report-intro = أرقام هذه الفترة التي يمكن نشرها بأمان: أرقام مجمّعة فقط، والأعداد الأقل من 5 تظهر «< 5»، موقّعة بمفتاح هذا الخادم.
accountability-report-html = صفحة ويب
accountability-report-pdf = PDF
accountability-report-csv = الأرقام الموقّعة (CSV)
transparency-title = تقرير الشفافية: { $org }
transparency-org = المنظمة
transparency-period = الفترة
transparency-generated = تاريخ الإصدار
transparency-intro = ما أحالته المنظمة إلى المنصات الإلكترونية خلال هذه الفترة، والوقت الذي استغرقته المنصات للرد ولاتخاذ إجراء، ومدى تكرار اتخاذها إجراءً. أرقام مجمّعة فقط: لا يمكن التعرف منها على أي قضية أو شخص أو منشور.
transparency-all-platforms = كل المنصات
transparency-first-reply = مدة أول رد: الوسيط / المئين التسعون
transparency-action = مدة اتخاذ الإجراء: الوسيط / المئين التسعون
transparency-method-title = المنهجية
transparency-method-period = تُحتسب عناصر الإحالات التي أُرسلت إلى منصة خلال الفترة، بحسب حالة السجل وقت إصدار التقرير؛ وقد لا يكون العنصر الذي أُحيل قبيل نهاية الفترة قد تلقى ردًا بعد. تُحسب المدد من إرسال الإحالة إلى أول رد من المنصة (إشعار بالاستلام أو قرار) وإلى اتخاذ الإجراء.
transparency-method-percentiles = يُحسب الوسيط والمئين التسعون بطريقة أقرب رتبة على العناصر التي تلقت ردًا (أو إجراءً): القيمة ذات الرتبة p × n، مقرّبةً إلى العدد الصحيح الأعلى، من بين المدد n مرتبةً. يظهر n بجانب كل رقم.
transparency-method-action = الإجراء هو الحذف أو التقييد (للانتشار أو حسب العمر) أو الوسم أو تعليق الحساب. نسبة الإجراء هي حصة العناصر التي اتُّخذ فيها إجراء من بين العناصر التي أصدرت المنصة فيها قرارًا؛ «لا رد» ليس قرارًا. «بلا رد أبدًا» و«أُعيدت إحالتها» حصتان من كل العناصر.
transparency-method-suppression = تُحجب الخلايا الصغيرة: العدد الأقل من 5 يظهر «< 5»، بما في ذلك الصفر، ولا يظهر الوسيط أو المئين أو الحصة المحسوبة على أقل من 5 عناصر («—»). ويُحجب المجموع أيضًا إذا كان سيكشف عددًا محجوبًا بالطرح.
transparency-method-signature = الأرقام أدناه، بصيغة CSV، موقّعة بمفتاح Ed25519 الخاص بهذا الخادم. يمكن لأي شخص التحقق من أن رقمًا مقتبسًا لم يتغير: الطريقة موصوفة في وثيقة «التحقق من تقرير الشفافية» (docs/transparency-report.md) في Vigie.
transparency-signature-title = الأرقام الموقّعة
transparency-signature-intro = ملف CSV بالضبط كما يغطيه التوقيع (UTF-8، سطر لكل صف، فواصل أسطر LF):
transparency-signature = توقيع Ed25519 (base64)
transparency-public-key = المفتاح العام لهذا الخادم (Ed25519، base64)
escalation-package-heading = الحزمة الموجّهة إلى المنصة
escalation-package-help = كل عنصر مع بصمة دليله وإثبات إدراجه في السجل الموقّع. لا تتضمن أبدًا هوية المبلِّغ أو وسيلة الاتصال به أو كلماته.
escalation-package-language = لغة الحزمة
escalation-package-include-narrative = تضمين العرض (يُسجَّل هذا الاختيار في سجل القضية)
escalation-package-title = حزمة الإحالة رقم { $id } — { $platform }
escalation-package-generated = تاريخ الإعداد (بالتوقيت العالمي)
escalation-package-notifier = المُخطِر
escalation-package-contact = الاتصال
escalation-package-item = العنصر { $n }
escalation-package-leaf = الورقة { $index } في سجل الحفظ
escalation-package-tree-head = رأس الشجرة الموقّع
escalation-package-tree-head-help = يقود إثبات إدراج كل عنصر (في حزمة JSON) من ورقته إلى هذا الجذر، الموقّع بمفتاح النسخة أدناه.
escalation-package-dsa = إخطار بموجب المادة 16(2) من قانون الخدمات الرقمية
escalation-package-dsa-locations = الموقع الدقيق لكل عنصر
escalation-package-dsa-reasons = الأسباب
escalation-package-dsa-good-faith = إقرار حسن النية
escalation-package-good-faith = نقرّ بأننا نعتقد بحسن نية أن المعلومات والادعاءات الواردة في هذا الإخطار دقيقة وكاملة.

# Escalation lists, reminders and campaigns (issue 12)
escalation-campaign = الحملة
escalation-campaign-hint = حملة مكتشفة مرتبطة بهذه القضية تنتمي إليها العناصر: تظهر الإحالة عندئذ في صفحة الحملة.
escalation-campaign-none = لا شيء
escalations-none-campaign = لم تُحل أي قضية مرتبطة بهذه الحملة إلى منصة.
escalations-list-title = الإحالات إلى المنصات
escalations-overdue-heading = بانتظار رد منصة تجاوزت مهلة الرد
escalations-overdue-none = لا توجد منصة متأخرة في الرد.
escalations-overdue-hint = أُرسلت ولم يُؤكَّد استلامها ولم يُبتّ فيها ضمن مهلة رد المنصة: تابِع مع المنصة، أو أعِد الإحالة عبر قناة أخرى.
escalations-recent-heading = أحدث الإحالات
escalations-none-org = لم تُحل منظمتك أي شيء إلى منصة بعد.
escalation-case = القضية
queue-escalations-overdue = { $count ->
    [zero] لا توجد إحالات بانتظار منصة.
    [one] إحالة واحدة بانتظار منصة تجاوزت مهلة الرد.
    [two] إحالتان بانتظار منصة تجاوزت مهلة الرد.
    [few] { $count } إحالات بانتظار منصة تجاوزت مهلة الرد.
   *[other] { $count } إحالة بانتظار منصة تجاوزت مهلة الرد.
}
nav-escalations = الإحالات
escalation-campaign-title = إحالة منشورات الحملة { $id }
escalation-back-to-campaign = العودة إلى الحملة
escalation-campaign-intro = للمنشورات التي لا تحويها أي قضية. يصبح كل منشور محدد عنصرا بالفئة والخطورة أدناه ونصه مقتطفا؛ ولا تتضمن الحزمة إثبات سلامة لها (المنشورات المستوردة ليست في سجل الحفظ: التقطها في قضية لذلك).
escalation-campaign-platform-hint = منصة واحدة لكل إحالة: لا تؤخذ إلا منشورات تلك المنصة.
escalation-campaign-link = إحالة منشورات هذه الحملة إلى منصة
escalation-campaign-more-posts = { $count ->
    [zero] كل المنشورات مدرجة.
    [one] منشور آخر غير مدرج: أحِل هذه أولا ثم الباقي.
    [two] منشوران آخران غير مدرجين: أحِل هذه أولا ثم الباقي.
    [few] { $count } منشورات أخرى غير مدرجة: أحِل هذه أولا ثم الباقي.
   *[other] { $count } منشورا آخر غير مدرج: أحِل هذه أولا ثم الباقي.
}

## الشبكة: الدليل، المناوبة، التنبيهات، القنوات، المهام
event-paged = أُرسل تنبيه المناوبة
event-page_acknowledged = تم التكفل بتنبيه المناوبة
skill-digital_forensics = التحليل الجنائي الرقمي
skill-account_recovery = استعادة الحسابات
skill-platform_escalation = التصعيد إلى المنصات
skill-legal = الدعم القانوني
skill-psychosocial = الدعم النفسي الاجتماعي
skill-training = التدريب
skill-shutdown_measurement = قياس انقطاع الإنترنت
availability-available = متاح
availability-limited = للحالات العاجلة فقط
availability-unavailable = غير متاح
weekday-mon = الاثنين
weekday-tue = الثلاثاء
weekday-wed = الأربعاء
weekday-thu = الخميس
weekday-fri = الجمعة
weekday-sat = السبت
weekday-sun = الأحد
channel-email = البريد الإلكتروني
channel-webhook = خطاف ويب
channel-matrix = غرفة ماتريكس
page-step-on_call = المناوبة
page-step-coordinators = المنسقون
delivery-failing = فشل، تُعاد المحاولة
delivery-delivered = وصل
delivery-failed = فشل
reason-language = يتحدث { $language }
reason-country = يعمل في { $country }
reason-on-call = مناوب الآن
reason-limited = للحالات العاجلة فقط
directory-title = دليل الشبكة
directory-explain = من يستطيع المساعدة، وفي ماذا، وبأي لغات وفي أي بلدان. وسيلة التواصل مع كل شخص مختومة لمنظمته.
directory-edit-mine = تعديل بطاقتي
directory-skill = المهارة
directory-language = اللغة (رمز)
directory-filter = تصفية
directory-people = الأشخاص
directory-orgs = المنظمات
directory-name = الاسم
directory-org = المنظمة
directory-skills = المهارات
directory-languages = اللغات
directory-countries = البلدان
directory-availability = التوفر
directory-contact = كيف يمكن التواصل معي بأمان
directory-contact-hint = مختوم لمنظمتك: لا يراه إلا أعضاؤها.
directory-contact-locked = مختوم (سجّل الدخول مجدداً لفتحه)
directory-contact-sealed = مختوم لمنظمته
directory-focus = مجالات العمل
directory-mine = بطاقتي في الدليل
directory-mine-explain = يجدك زملاؤك بمهاراتك ولغاتك، وتقترحك الحالات التي تحتاجها.
directory-languages-hint = رموز مفصولة بفواصل: fr, ar, en, wo…
directory-countries-hint = رموز ISO مفصولة بفواصل: SN, TG, JO…
directory-save = حفظ
directory-org-entry = بطاقة منظمتي
directory-org-contacts = جهات الاتصال الآمنة للمنظمة
rota-title = جدول المناوبة
rota-explain = من يستجيب عندما تصل حالة حرجة ولم يتكفل بها أحد. تتكرر الفترات كل أسبوع، والأوقات بالتوقيت العالمي UTC.
rota-now = المناوب الآن:
rota-nobody = لا أحد (يُنبَّه المنسقون)
rota-slots = الفترات الأسبوعية
rota-day = اليوم
rota-from = من
rota-to = إلى
rota-person = الشخص
rota-delete = إزالة
rota-handovers = التسليمات
rota-handed-by = سلّمها
rota-add = إضافة فترة
rota-utc = بالتوقيت العالمي، بصيغة HH:MM
rota-hand-over = تسليم المناوبة
rota-hours = لكم ساعة
rapid-title = الاستجابة السريعة
rapid-no-pages = لم يُنبَّه أحد لهذه الحالة.
rapid-paged = نُبِّه { $who }
rapid-acknowledged = تكفّل بها { $who }
rapid-suggested-people = من يمكنه التكفل بها
rapid-suggested-partners = منظمات شريكة يمكنها المساعدة
ack-title = الحالة { $id } تحتاجك
ack-explain = حالة حرجة تنتظر. أكّد أنك تتكفل بها: لن يُنبَّه أحد غيرك.
ack-button = أنا أتكفل بها
ack-already = تم التكفل بهذا التنبيه من قبل.
ack-done = تم التأكيد. شكراً: سجل الحالة يذكر ذلك.
channels-title = قنوات التنبيه الخاصة بي
channels-explain = إلى أين تذهب تنبيهاتك: المناوبة، والحالات المسندة إليك، والاختبارات.
channels-none = لا توجد قناة بعد: تظهر التنبيهات على هذا الموقع فقط.
channels-test = إرسال اختبار
channels-delete = إزالة
channels-add = إضافة قناة
channels-kind = النوع
channels-address = العنوان
channels-address-hint = عنوان بريد إلكتروني، أو رابط خطاف ويب (https://…)، أو معرّف غرفة ماتريكس (!room:server).
channels-label = الاسم (اختياري)
channels-secret-once = سرّ توقيع خطاف الويب، يُعرض مرة واحدة: أعطه للمستقبِل ليتحقق من التواقيع.
channels-test-queued = تنبيه اختباري في الطريق.
channels-what-alerts-say = لا يحمل التنبيه أبداً محتوى البلاغ: فقط «حالة تحتاجك» ورابط.
unsubscribe-title = إيقاف هذه التنبيهات
unsubscribe-confirm = إزالة قناة التنبيه هذه
unsubscribe-done = أُزيلت هذه القناة: لن تصلها تنبيهات بعد الآن.
alert-page-subject = فيجي: الحالة الحرجة { $id } تنتظر من يتكفل بها
alert-page-on-call = وصلت حالة حرجة ولم يتكفل بها أحد بعد. أنت المناوب.
alert-page-coordinators = وصلت حالة حرجة ولم يتكفل بها أحد بعد، ولا حتى المناوب.
alert-page-action = التكفل بها
alert-assigned-subject = فيجي: أُسندت إليك الحالة { $id }
alert-assigned-lead = أُسندت إليك حالة.
alert-open-case = فتح الحالة
alert-test-subject = فيجي: تنبيه اختباري
alert-test-lead = هذا اختبار: هذه القناة تعمل.
alert-open-channels = قنوات التنبيه الخاصة بك
alert-footer = أرسله فيجي. لا يضع فيجي أبداً محتوى بلاغ في تنبيه.
alert-unsubscribe = إيقاف التنبيهات على هذه القناة
channels-topics-link = اختر التنبيهات التي تصلك، ومتى.
topics-title = ما أتلقى تنبيهات بشأنه
topics-explain = لكل موضوع: تنبيه فوري على كل قناة من قنواتك، أو ملخص يومي (يُرسل في الساعة { $hour } بالتوقيت العالمي)، أو لا شيء. مهما اخترت، يبقى الموقع يعرض كل شيء.
topics-topic = الموضوع
topics-mode = متى
topics-always-immediate = فوريًا دائمًا
topics-save = حفظ
topics-channels-link = أين تذهب التنبيهات (قنواتي)
topics-countries-link = البلدان التي أتابعها (تنبيهات المراقبة)
topic-page = نداءات المناوبة
topic-page-hint = حالة حرجة لم يتولّها أحد. فوريًا دائمًا: وُعد شخص في خطر بالرد خلال دقائق. إن لم تستطع الرد، فسلّم المناوبة.
topic-assigned = حالة أُسندت إليّ
topic-assigned-hint = أسند إليك أحدهم حالة.
topic-new_case_skills = حالات جديدة تحتاج إلى مهاراتي
topic-new_case_skills-hint = حالة جديدة في منظمتك يحتاج نوعها إلى مهارة من مهارات بطاقتك في الدليل.
topic-campaign_linked = حملات رُبطت بحالاتي
topic-campaign_linked-hint = رُبطت حملة مكتشفة بحالة أُسندت إليك.
topic-escalation_waiting = إحالات تنتظر منصة
topic-escalation_waiting-hint = لم ترد منصة خلال مهلتها على إحالة كتبتها، أو على إحالة إحدى حالاتك.
topic-watch = تنبيهات مراقبة الشبكة
topic-watch-hint = بدأ انقطاع أو انتهى في بلد تتابعه.
mode-immediate = فوريًا
mode-digest = ملخص يومي
mode-off = أبدًا
alert-new-case-subject = فيجي: الحالة الجديدة { $id } تحتاج إلى مهاراتك
alert-new-case-lead = حالة جديدة في منظمتك تحتاج إلى إحدى المهارات التي تقدمها.
alert-campaign-subject = فيجي: رُبطت حملة بالحالة { $id }
alert-campaign-lead = رُبطت حملة مكتشفة بحالة أُسندت إليك.
alert-waiting-subject = فيجي: الإحالة { $id } تنتظر المنصة
alert-waiting-lead = لم ترد منصة على إحالة خلال مهلتها: تابعها، أو أحِلها عبر قناة أخرى.
alert-open-escalation = فتح الإحالة
alert-watch-subject = فيجي: تنبيه من مراقبة الشبكة بشأن { $country }
alert-watch-lead = رصدت مراقبة الشبكة بداية انقطاع أو نهايته في بلد تتابعه.
alert-open-watch = فتح مراقبة الشبكة
alert-digest-subject = { $count ->
    [one] فيجي: ملخصك اليومي، تنبيه واحد
    [two] فيجي: ملخصك اليومي، تنبيهان
    [few] فيجي: ملخصك اليومي، { $count } تنبيهات
   *[other] فيجي: ملخصك اليومي، { $count } تنبيهًا
}
alert-digest-lead = ما حدث منذ ملخصك الأخير:
alert-digest-more = و{ $count } غيرها: انظر الموقع.
alert-digest-action = اختر ما يصلك، ومتى
digest-item-assigned = أُسندت إليك الحالة { $id }
digest-item-new-case = الحالة الجديدة { $id } تحتاج إلى مهاراتك
digest-item-campaign = رُبطت الحملة { $campaign } بالحالة { $id }
digest-item-waiting = الإحالة { $id } تنتظر المنصة
digest-item-watch = تنبيه من مراقبة الشبكة بشأن { $country }
jobs-title = طابور المهام
jobs-explain = أعمال الخلفية والإرسال. تُعاد المهمة الفاشلة بمهل متزايدة، وبعد آخر محاولة تصبح ميتة وتنتظر هنا.
jobs-pending = في الانتظار
jobs-running = قيد التنفيذ
jobs-dead = ميتة
jobs-kind = النوع
jobs-run-at = موعد التنفيذ
jobs-attempts = المحاولات
jobs-error = آخر خطأ
jobs-retrying = (إعادة محاولة)
jobs-retry = إعادة المحاولة
jobs-discard = تجاهل
jobs-deliveries = آخر عمليات الإرسال
jobs-delivery-key = مفتاح الإرسال
jobs-state = الحالة
jobs-answer = ردّ المستقبِل
jobs-updated = آخر تحديث

## المشاركة مع النظراء وفرق الاستجابة
sharing-title = المشاركة
sharing-explain = ما تشاركه هذه الشبكة مع نظرائها وفرق الاستجابة للطوارئ، وما تلقّته منهم. لا يخرج إلا ما هو TLP:CLEAR أو TLP:GREEN؛ ولا تخرج أبدًا أي حالة أو هوية مُبلِّغ أو حقل مختوم.
sharing-shared = ما نشاركه مع نظرائنا
sharing-shared-explain = الحملات وسجلات الانقطاع المؤكدة المعلَّمة في صفحاتها. يسحبها النظراء المثبَّتون موقَّعةً بمفتاح هذا الخادم.
sharing-shared-none = لا شيء مُشارَك بعد.
sharing-kind-campaign = حملة
sharing-kind-disruption = سجل انقطاع
sharing-import = استيراد
sharing-import-explain = حدث MISP، أو حزمة STIX 2.1، أو حزمة نظير منقولة باليد (مفتاح USB أثناء الانقطاع). لا تُقبل حزمة النظير إلا إذا كان مفتاحه مثبَّتًا.
sharing-import-format = الصيغة
sharing-format-misp = حدث MISP (JSON)
sharing-format-stix = حزمة STIX 2.1
sharing-format-peer = حزمة نظير Vigie
sharing-import-file = الملف
sharing-import-go = استيراد
sharing-imported = تم الاستيراد.
sharing-imports = ما وصلنا
sharing-imports-none = لم يصل شيء بعد.
sharing-import-title = العنوان
sharing-import-producer = من إنتاج
sharing-import-indicators = المؤشرات
sharing-import-updated = آخر استلام
sharing-import-seen-by = يراه
sharing-seen-org = منظمتك فقط (أعلى من TLP:GREEN أو دون تعليم)
sharing-seen-network = الشبكة كلها
sharing-import-period = رُصد
sharing-import-skipped = لم يُفهم
sharing-unmarked = دون تعليم
sharing-indicator-kind = النوع
sharing-indicator-value = القيمة
sharing-indicator-comment = تعليق
sharing-indicators-count = { $count } مؤشرات
sharing-skipped-count = { $count } لم يُفهم
sharing-provenance = المصدر
sharing-source-misp = ملف MISP
sharing-source-stix = ملف STIX
sharing-source-peer = حزمة نظير
sharing-outcome-added = جديد
sharing-outcome-updated = محدَّث
sharing-outcome-unchanged = معروف من قبل، دون تغيير
sharing-by-person = بواسطة شخص
sharing-by-instance = بواسطة الخادم (أمر أو سحب مجدول)
import-refused-document = لا يمكن قراءة هذا المستند كما هو.
import-refused-needs-organization = هذا المستند أعلى من TLP:GREEN أو دون تعليم: حدّد المنظمة التي ينتمي إليها.
import-refused-too-large = هذه الحزمة كبيرة جدًا.
import-refused-not-a-bundle = هذه ليست حزمة نظير Vigie.
import-refused-bad-signature = توقيع الحزمة لا يصحّ: عُدِّلت بعد توقيعها أو تلفت. لم يُستورد شيء.
import-refused-unknown-peer = هذه الحزمة موقَّعة بمفتاح لم يثبّته أي مسؤول. لم يُستورد شيء.
import-refused-bad-payload = المحتوى الموقَّع لهذه الحزمة غير مقروء. لم يُستورد شيء.
import-refused-replay = هذه الحزمة ليست أحدث من آخر حزمة أُخذت من هذا النظير: إعادة إرسال أو نسخة قديمة. لم يُستورد شيء.
import-refused-not-shareable = تحمل هذه الحزمة عنصرًا أعلى من TLP:GREEN، وهو ما لا يشاركه النظراء أبدًا. لم يُستورد شيء.
share-title = المشاركة مع النظراء
share-explain = تدخل العناصر المُشارَكة في الحزمة الموقَّعة لهذا الخادم، التي يسحبها النظراء المثبَّتون. تنتقل الحسابات والوسوم والنصوص والصور والروابط والبلدان والشبكات؛ ولا تنتقل أبدًا الحالات ولا المُبلِّغون ولا الأشخاص المستهدفون.
share-is-shared = مُشارَك بمستوى
share-not-shared = غير مُشارَك.
share-stop = إيقاف المشاركة
share-tlp-green = المجتمع
share-tlp-clear = الجميع
share-techniques = تقنيات DISARM
share-techniques-hint = معرّفات مفصولة بفواصل، مثل T0048, T0049.005
share-go = مشاركة
share-update = تحديث
peers-title = النظراء
peers-explain = خوادم Vigie الأخرى التي يقبل هذا الخادم حزمها. لا تُقبل الحزمة إلا موقَّعةً بمفتاح مثبَّت وأحدث من سابقتها.
peers-own-key = مفتاح هذا الخادم
peers-fingerprint = البصمة
peers-download = تنزيل حزمتنا الموقَّعة
peers-download-hint = لنقلها باليد إلى نظير لا يستطيع سحبها.
peers-pinned = النظراء المثبَّتون
peers-none = لا يوجد نظير مثبَّت.
peers-name = الاسم
peers-url = العنوان
peers-url-hint = عنوان خادم Vigie الخاص به (https://…) للسحب؛ اتركه فارغًا إن كانت حزمه تصل باليد.
peers-key = مفتاحه العام
peers-key-hint = يُقرأ في صفحة النظراء لديه؛ قارن البصمة عبر الهاتف.
peers-token = رمزه
peers-token-hint = الرمز الذي أعطاك إياه مسؤوله للسحب (لازم مع العنوان).
peers-token-once = تم تثبيت النظير. أعطِ مسؤوله هذا الرمز ليسحب حزمتنا؛ لن يُعرض إلا مرة واحدة.
peers-last-pull = آخر سحب
peers-pull-ok = نجح
peers-pull-failed = فشل:
peers-pull-now = اسحب الآن
peers-pulled = استُورد { $count } عنصرًا
peers-nothing-new = لا جديد
peers-remove = إزالة
peers-pin = تثبيت نظير

## المعرفة: الأدلة والبحث والتشخيص الذاتي
nav-guides = الأدلة
guides-title = الأدلة
guides-intro = أدلة عملية لحماية نفسك على الإنترنت والتصدي للاعتداءات، كتبها مدافعون ومدافعات رقميون وتحدّثها هذه الشبكة.
guides-to-help = لا تعرف من أين تبدأ؟ أجب عن بضعة أسئلة.
guides-to-report = أبلغ الشبكة عن اعتداء
guides-back = كل الأدلة
guides-edit = تعديل هذا الدليل
guides-edit-library = تعديل المكتبة
guide-fell-back = هذا الدليل غير مترجم إلى لغتك بعد؛ يُعرض بـ{ $language }.
guides-search-label = ابحث في الأدلة
guides-search-button = بحث
guides-search-title = البحث
guides-search-empty-query = اكتب بضع كلمات، مثل «حساب مخترق» أو «قطع الإنترنت».
guides-search-none = لا شيء يطابق هذه الكلمات. جرّب كلمات أخرى، أو أجب عن بضعة أسئلة بدلًا من ذلك.
guides-search-count = { $count ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
   *[other] { $count } نتيجة
}
guides-kind-guide = دليل
guides-kind-playbook = خطوات أولى
guides-kind-diagnosis = أسئلة
guides-playbook-for-you = ما يمكنك فعله الآن
guides-playbook-responders = ما يفعله المستجيبون
help-title = اطلب المساعدة
help-intro = اختر ما يحدث لك. تقودك بضعة أسئلة إلى الخطوات الأولى والأدلة التي تفيدك، وعند الحاجة إلى بلاغ للشبكة وقد أُشّر فيه على إجاباتك.
help-nothing-kept = لا يُحفظ شيء مما تجيب به هنا. وحده البلاغ الذي تختار إرساله يصل إلى الشبكة.
help-to-guides = اقرأ الأدلة
help-your-answers = إجاباتك حتى الآن
help-question-number = السؤال { $count }
help-back = العودة إلى السؤال السابق
help-start-again = البدء من جديد
help-first-steps = الخطوات الأولى
help-guides = أدلة للقراءة
help-report-title = أخبر الشبكة
help-report-explain = يُفتح نموذج البلاغ وقد أُشّر فيه على ما توحي به إجاباتك. يمكنك تغيير أي شيء قبل إرساله.
help-report-button = افتح نموذج البلاغ
report-not-sure = لست متأكدًا مما تبلّغ عنه؟ أجب أولًا عن بضعة أسئلة.
guides-admin-title = مكتبة الأدلة
guides-admin-explain = الأدلة المرفقة مع Vigie وتلك المكتوبة هنا. كل تعديل يصبح نسخة جديدة من تلك الترجمة، ويبقى النص المرفق تحتها. الدليل غير المترجم يُعرض بلغة أخرى مع التنبيه إلى ذلك.
guides-admin-guide = الدليل
guides-admin-local = (مكتوب هنا)
guides-admin-missing = غير موجود — اكتبه
guides-admin-shipped = النص المرفق
guides-admin-version = النسخة { $version }
guides-admin-new = كتابة دليل جديد
guides-admin-slug = عنوان الدليل (بعد ‎/guides/‎)
guides-admin-language = اللغة
guides-admin-write = اكتب
guides-admin-edit-title = { $guide } ({ $language })
guides-admin-format = بصيغة Markdown. السطر الأول هو العنوان («# العنوان»)، ثم فقرة ملخص، ثم الأقسام («## …»). تُعرض شيفرة HTML كنص، ولا تُعرض الصور، ويمكن أن تكون الروابط نسبية أو https أو mailto.
guides-admin-text = النص
guides-admin-note = ما الذي تغيّر (يُحفظ في السجل)
guides-admin-save = حفظ كنسخة جديدة
guides-admin-saved = تم الحفظ. يرى القرّاء هذه النسخة الآن.
guides-admin-unchanged = لم يتغير شيء: النص مطابق للنسخة الحالية.
guides-admin-history = السجل
guides-admin-no-history = لم يُعدَّل هنا بعد: يُقرأ النص المرفق مع Vigie.
guides-admin-show-text = عرض نص هذه النسخة
guides-admin-restore = استعادة هذه النسخة
guides-admin-restored-note = استُعيدت النسخة { $version }
