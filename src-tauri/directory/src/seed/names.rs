//! People the demo organization is made of: given and family names in their own script
//! with the Latin spelling used for the email address, and where such people work.

/// A culture: names in its script, with the time zones and locale its people use.
pub struct Culture {
    pub given: &'static [(&'static str, &'static str)],
    pub family: &'static [(&'static str, &'static str)],
    /// Whether the family name comes first when written in full.
    pub family_first: bool,
    pub places: &'static [(&'static str, &'static str)],
    pub locale: &'static str,
}

pub const CULTURES: &[Culture] = &[
    Culture {
        given: &[
            ("Olivia", "olivia"),
            ("James", "james"),
            ("Amelia", "amelia"),
            ("Noah", "noah"),
            ("Grace", "grace"),
            ("Ethan", "ethan"),
            ("Chloe", "chloe"),
            ("Liam", "liam"),
            ("Harper", "harper"),
            ("Mason", "mason"),
        ],
        family: &[
            ("Smith", "smith"),
            ("Johnson", "johnson"),
            ("Williams", "williams"),
            ("Brown", "brown"),
            ("O'Connor", "oconnor"),
            ("Taylor", "taylor"),
            ("Nguyen", "nguyen"),
            ("Walker", "walker"),
            ("Clarke", "clarke"),
            ("Patel", "patel"),
        ],
        family_first: false,
        places: &[
            ("New York", "America/New_York"),
            ("Austin", "America/Chicago"),
            ("San Francisco", "America/Los_Angeles"),
            ("London", "Europe/London"),
            ("Sydney", "Australia/Sydney"),
        ],
        locale: "en-US",
    },
    Culture {
        given: &[
            ("José", "jose"),
            ("María", "maria"),
            ("Lucía", "lucia"),
            ("Álvaro", "alvaro"),
            ("Inés", "ines"),
            ("Sofía", "sofia"),
            ("Andrés", "andres"),
        ],
        family: &[
            ("García", "garcia"),
            ("Martínez", "martinez"),
            ("López", "lopez"),
            ("Sánchez", "sanchez"),
            ("Fernández", "fernandez"),
            ("Muñoz", "munoz"),
        ],
        family_first: false,
        places: &[
            ("Madrid", "Europe/Madrid"),
            ("Barcelona", "Europe/Madrid"),
            ("Ciudad de México", "America/Mexico_City"),
            ("Buenos Aires", "America/Argentina/Buenos_Aires"),
        ],
        locale: "es-ES",
    },
    Culture {
        given: &[
            ("Jürgen", "juergen"),
            ("Lena", "lena"),
            ("Björn", "bjoern"),
            ("Anja", "anja"),
            ("Zoë", "zoe"),
            ("François", "francois"),
            ("Hélène", "helene"),
        ],
        family: &[
            ("Müller", "mueller"),
            ("Schröder", "schroeder"),
            ("Weiß", "weiss"),
            ("Dubois", "dubois"),
            ("Lefèvre", "lefevre"),
            ("Kowalczyk", "kowalczyk"),
        ],
        family_first: false,
        places: &[
            ("Berlin", "Europe/Berlin"),
            ("München", "Europe/Berlin"),
            ("Paris", "Europe/Paris"),
            ("Lyon", "Europe/Paris"),
            ("Wien", "Europe/Vienna"),
        ],
        locale: "de-DE",
    },
    Culture {
        given: &[
            ("Łukasz", "lukasz"),
            ("Małgorzata", "malgorzata"),
            ("Paweł", "pawel"),
            ("Zofia", "zofia"),
        ],
        family: &[
            ("Wiśniewski", "wisniewski"),
            ("Wójcik", "wojcik"),
            ("Kamińska", "kaminska"),
            ("Żak", "zak"),
        ],
        family_first: false,
        places: &[
            ("Warszawa", "Europe/Warsaw"),
            ("Kraków", "Europe/Warsaw"),
            ("Gdańsk", "Europe/Warsaw"),
        ],
        locale: "pl-PL",
    },
    Culture {
        given: &[
            ("Алексей", "aleksei"),
            ("Мария", "maria"),
            ("Дмитрий", "dmitrii"),
            ("Анна", "anna"),
            ("Ольга", "olga"),
            ("Иван", "ivan"),
        ],
        family: &[
            ("Иванов", "ivanov"),
            ("Смирнова", "smirnova"),
            ("Кузнецов", "kuznetsov"),
            ("Попова", "popova"),
            ("Соколов", "sokolov"),
        ],
        family_first: false,
        places: &[
            ("Алматы", "Asia/Almaty"),
            ("Рига", "Europe/Riga"),
            ("Тбилиси", "Asia/Tbilisi"),
        ],
        locale: "ru-RU",
    },
    Culture {
        given: &[
            ("Γιώργος", "giorgos"),
            ("Ελένη", "eleni"),
            ("Νίκος", "nikos"),
            ("Μαρία", "maria"),
        ],
        family: &[
            ("Παπαδόπουλος", "papadopoulos"),
            ("Γεωργίου", "georgiou"),
            ("Οικονόμου", "oikonomou"),
        ],
        family_first: false,
        places: &[("Αθήνα", "Europe/Athens"), ("Θεσσαλονίκη", "Europe/Athens")],
        locale: "el-GR",
    },
    Culture {
        given: &[
            ("翔太", "shota"),
            ("結衣", "yui"),
            ("大輔", "daisuke"),
            ("美咲", "misaki"),
            ("健", "ken"),
        ],
        family: &[
            ("佐藤", "sato"),
            ("鈴木", "suzuki"),
            ("高橋", "takahashi"),
            ("田中", "tanaka"),
            ("渡辺", "watanabe"),
        ],
        family_first: true,
        places: &[("東京", "Asia/Tokyo"), ("大阪", "Asia/Tokyo")],
        locale: "ja-JP",
    },
    Culture {
        given: &[
            ("伟", "wei"),
            ("芳", "fang"),
            ("静", "jing"),
            ("磊", "lei"),
            ("秀英", "xiuying"),
        ],
        family: &[
            ("王", "wang"),
            ("李", "li"),
            ("张", "zhang"),
            ("刘", "liu"),
            ("陈", "chen"),
        ],
        family_first: true,
        places: &[
            ("上海", "Asia/Shanghai"),
            ("深圳", "Asia/Shanghai"),
            ("台北", "Asia/Taipei"),
            ("Singapore", "Asia/Singapore"),
        ],
        locale: "zh-CN",
    },
    Culture {
        given: &[
            ("민준", "minjun"),
            ("서연", "seoyeon"),
            ("지호", "jiho"),
            ("하은", "haeun"),
        ],
        family: &[("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi")],
        family_first: true,
        places: &[("서울", "Asia/Seoul"), ("부산", "Asia/Seoul")],
        locale: "ko-KR",
    },
    Culture {
        given: &[
            ("محمد", "mohammed"),
            ("فاطمة", "fatima"),
            ("أحمد", "ahmed"),
            ("ليلى", "layla"),
            ("يوسف", "youssef"),
        ],
        family: &[
            ("العلي", "alali"),
            ("حداد", "haddad"),
            ("منصور", "mansour"),
            ("خليل", "khalil"),
        ],
        family_first: false,
        places: &[
            ("دبي", "Asia/Dubai"),
            ("القاهرة", "Africa/Cairo"),
            ("عمّان", "Asia/Amman"),
        ],
        locale: "ar-AE",
    },
    Culture {
        given: &[
            ("आरव", "aarav"),
            ("प्रिया", "priya"),
            ("अर्जुन", "arjun"),
            ("अनन्या", "ananya"),
        ],
        family: &[
            ("शर्मा", "sharma"),
            ("वर्मा", "verma"),
            ("गुप्ता", "gupta"),
            ("सिंह", "singh"),
        ],
        family_first: false,
        places: &[
            ("बेंगलुरु", "Asia/Kolkata"),
            ("पुणे", "Asia/Kolkata"),
            ("मुंबई", "Asia/Kolkata"),
        ],
        locale: "hi-IN",
    },
    Culture {
        given: &[
            ("נועה", "noa"),
            ("איתי", "itai"),
            ("תמר", "tamar"),
            ("יונתן", "yonatan"),
        ],
        family: &[
            ("כהן", "cohen"),
            ("לוי", "levi"),
            ("מזרחי", "mizrahi"),
            ("פרץ", "peretz"),
        ],
        family_first: false,
        places: &[("תל אביב", "Asia/Jerusalem"), ("חיפה", "Asia/Jerusalem")],
        locale: "he-IL",
    },
];

pub const JOB_TITLES: &[&str] = &[
    "Software Engineer",
    "Senior Software Engineer",
    "Engineering Manager",
    "Product Manager",
    "Product Designer",
    "Data Analyst",
    "Site Reliability Engineer",
    "QA Engineer",
    "Technical Writer",
    "Account Executive",
    "Customer Success Manager",
    "Recruiter",
    "Finance Analyst",
    "Legal Counsel",
    "Office Manager",
    "Security Engineer",
];

pub const DEPARTMENTS: &[&str] = &[
    "Engineering",
    "Product",
    "Design",
    "Sales",
    "Customer Success",
    "People",
    "Finance",
    "Legal",
    "Operations",
    "Security",
];

pub const ORGANIZATIONS: &[&str] = &["Northwind", "Northwind Labs", "Northwind Services"];

pub const DEVICE_NAMES: &[(&str, &str)] = &[
    ("browser", "Chrome on Windows"),
    ("browser", "Firefox on Linux"),
    ("browser", "Safari on macOS"),
    ("browser", "Edge on Windows"),
    ("mobile", "Jira Cloud on iPhone"),
    ("mobile", "Confluence on Android"),
    ("mobile", "Jira Cloud on Android"),
    ("mobile", "Confluence on iPad"),
];

pub const TOKEN_LABELS: &[&str] = &[
    "CI pipeline",
    "Backup script",
    "Reporting dashboard",
    "Zapier",
    "Local CLI",
    "Migration tool",
];
