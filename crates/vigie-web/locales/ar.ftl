# Vigie — العربية

## التنقل والتخطيط
nav-label = القائمة الرئيسية
nav-languages = اللغات
nav-home = الرئيسية
nav-org = منظمتي
nav-users = الحسابات
nav-orgs = المنظمات
nav-account = حسابي
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
error-retry-after = حاول مجددًا بعد { $minutes } دقيقة.
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
login-throttled = محاولات فاشلة كثيرة جدًا لهذا الحساب. حاول مجددًا بعد { $minutes } دقيقة.
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
account-password-explain = يُعاد حماية مفتاح منظمتك بكلمة المرور الجديدة. تنتهي جميع جلساتك؛ سجّل الدخول مجددًا بعد ذلك.
account-password-submit = تغيير كلمة المرور
tokens-title = رموز الواجهة البرمجية
tokens-explain = للبرامج النصية والأدوات الأخرى. يعمل الرمز بدورك، لكنه لا يفتح البيانات المشفّرة أبدًا.
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
report-intro = أخبرنا بما يحدث لك أو لشخص تعرفه. لا تحتاج إلى حساب. أجب عمّا تستطيع؛ السؤالان الأولان فقط إلزاميان.
report-receiver = تصل رسالتك إلى { $org }.
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
report-refused-address = أُرسلت بلاغات كثيرة جدًا من اتصالك خلال الساعة الماضية. يُرجى المحاولة مجددًا بعد { $minutes } دقيقة.
report-refused-global = يتلقى مكتب المساعدة بلاغات كثيرة جدًا الآن. يُرجى المحاولة مجددًا بعد { $minutes } دقيقة؛ لم يُحفظ أي شيء.
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
