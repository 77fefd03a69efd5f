"""Every controlled value the generator emits, as module-level constants.

Tests and the dbt seeds can import these to check that the taxonomy covers what the raw data contains.
Nothing here is random: the generator only draws from these pools. Values marked "unknown" are deliberately
absent from any taxonomy so the models must count and report them as unclassified.
"""

from __future__ import annotations

# --- Decision layers and contact titles ---------------------------------------------------------------------

LAYERS: tuple[str, ...] = ("user", "influencer", "approver", "financial_owner", "gatekeeper", "unclassified")
AUTHORITY_LAYERS: tuple[str, ...] = ("approver", "financial_owner")
USAGE_LAYERS: tuple[str, ...] = ("user", "influencer")
PROCESS_LAYERS: tuple[str, ...] = ("gatekeeper",)

# (title, department) pairs, grouped by the decision layer the title is meant to map to.
CONTACT_TITLES: dict[str, tuple[tuple[str, str], ...]] = {
    "user": (
        ("Registered Nurse", "Nursing"),
        ("RN - Medical/Surgical", "Nursing"),
        ("Staff Nurse, ICU", "Critical Care"),
        ("Charge Nurse", "Nursing"),
        ("Nurse Practitioner", "Nursing"),
        ("Hospitalist", "Medical Staff"),
        ("Attending Physician", "Medical Staff"),
        ("Emergency Medicine Physician", "Emergency Department"),
        ("Orthopedic Surgeon", "Surgery"),
        ("Anesthesiologist", "Anesthesiology"),
        ("Physician Assistant", "Medical Staff"),
        ("Respiratory Therapist", "Respiratory Care"),
        ("Physical Therapist", "Rehabilitation"),
        ("Clinical Pharmacist", "Pharmacy"),
        ("Radiologic Technologist", "Radiology"),
        ("Surgical Technologist", "Perioperative Services"),
        ("Medical Laboratory Scientist", "Laboratory"),
        ("Certified Medical Coder", "Health Information Management"),
        ("Case Manager", "Case Management"),
        ("Sterile Processing Technician", "Sterile Processing"),
    ),
    "influencer": (
        ("Nurse Manager", "Nursing"),
        ("Nurse Manager, Emergency Department", "Emergency Department"),
        ("Director of Nursing", "Nursing"),
        ("Director of Perioperative Services", "Perioperative Services"),
        ("Clinical Nurse Specialist", "Nursing"),
        ("Clinical Champion", "Nursing"),
        ("Nurse Educator", "Clinical Education"),
        ("Director of Clinical Informatics", "Clinical Informatics"),
        ("Nursing Informatics Specialist", "Clinical Informatics"),
        ("Biomedical Engineering Manager", "Biomedical Engineering"),
        ("Director of Clinical Engineering", "Biomedical Engineering"),
        ("IT Director", "Information Technology"),
        ("Director of Pharmacy", "Pharmacy"),
        ("Radiology Manager", "Radiology"),
        ("Laboratory Director", "Laboratory"),
        ("Quality Improvement Manager", "Quality"),
        ("Department Director, Cardiology", "Cardiology"),
    ),
    "approver": (
        ("Chief Nursing Officer", "Executive"),
        ("Chief Medical Officer", "Executive"),
        ("Chief Medical Information Officer", "Executive"),
        ("Chief Operating Officer", "Executive"),
        ("Chief Executive Officer", "Executive"),
        ("President", "Executive"),
        ("Chief Information Officer", "Information Technology"),
        ("VP, Surgical Services", "Surgical Services"),
        ("Vice President of Cardiovascular Services", "Cardiology"),
        ("VP Patient Care Services", "Nursing"),
        ("Chief Quality Officer", "Quality"),
        ("Value Analysis Committee Chair", "Value Analysis"),
        ("Medical Director", "Medical Staff"),
        ("Practice Administrator", "Administration"),
    ),
    "financial_owner": (
        ("Chief Financial Officer", "Finance"),
        ("VP Finance", "Finance"),
        ("Vice President of Finance", "Finance"),
        ("Controller", "Finance"),
        ("Director of Finance", "Finance"),
        ("Director of Financial Planning & Analysis", "Finance"),
        ("Budget Manager", "Finance"),
        ("VP Supply Chain", "Supply Chain"),
        ("Chief Supply Chain Officer", "Supply Chain"),
        ("Treasurer", "Finance"),
    ),
    "gatekeeper": (
        ("Director of Procurement", "Procurement"),
        ("Purchasing Manager", "Procurement"),
        ("Strategic Sourcing Manager", "Supply Chain"),
        ("Contracts Manager", "Contracting"),
        ("Contract Administrator", "Contracting"),
        ("General Counsel", "Legal"),
        ("Associate General Counsel", "Legal"),
        ("Chief Information Security Officer", "Information Security"),
        ("Information Security Manager", "Information Security"),
        ("IT Security Analyst", "Information Security"),
        ("Chief Compliance Officer", "Compliance"),
        ("Privacy Officer", "Compliance"),
        ("Value Analysis Coordinator", "Value Analysis"),
    ),
}

# Titles no taxonomy should classify: they must surface as `unclassified`, never be dropped.
UNKNOWN_TITLES: tuple[str, ...] = (
    "Chief Happiness Officer",
    "Special Projects",
    "Volunteer Coordinator",
    "Chaplain",
    "Gift Shop Lead",
    "Board Liaison",
    "Intern",
    "Facilities Coordinator",
    "Food Services Supervisor",
)
UNKNOWN_TITLE_DEPARTMENTS: tuple[str, ...] = ("Administration", "Volunteer Services", "Facilities", "Other")

TITLES_BY_LAYER: dict[str, tuple[str, ...]] = {
    layer: tuple(title for title, _ in pairs) for layer, pairs in CONTACT_TITLES.items()
} | {"unclassified": UNKNOWN_TITLES}

DEPARTMENTS: tuple[str, ...] = tuple(
    sorted({dept for pairs in CONTACT_TITLES.values() for _, dept in pairs} | set(UNKNOWN_TITLE_DEPARTMENTS))
)

# --- Accounts -----------------------------------------------------------------------------------------------

FACILITY_TYPES: tuple[str, ...] = (
    "IDN",
    "Regional System",
    "Hospital",
    "Academic Medical Center",
    "Critical Access Hospital",
    "ASC",
    "Physician Group",
    "Clinic",
    "Post-Acute Care",
    "Imaging Center",
)
ACCOUNT_TYPES: tuple[str, ...] = ("Prospect", "Customer", "Former Customer")
INDUSTRIES: tuple[str, ...] = ("Hospital & Health Care", "Healthcare", "Medical Practice")
GPOS: tuple[str, ...] = ("Vizient", "Premier", "HealthTrust", "Provista", "Captis", "Acurity")
NO_GPO: str | None = None  # about 3% of accounts have no GPO (null gpo_c)

FISCAL_YEAR_START_MONTHS: tuple[int, ...] = (7, 1, 10)  # plus a few nulls (default July)

ACCOUNT_NAME_STEMS: tuple[str, ...] = (
    "St. Mary's",
    "Mercy",
    "Providence",
    "Baptist",
    "Methodist",
    "Adventist",
    "Good Samaritan",
    "Sacred Heart",
    "Riverside",
    "Lakeview",
    "Summit",
    "Valley",
    "Northwest",
    "Pioneer",
    "Unity",
    "Trinity",
    "Covenant",
    "Memorial",
    "Highland",
    "Bayfront",
    "St. Luke's",
    "St. Joseph",
    "Presbyterian",
    "Community",
    "Cedar Ridge",
    "Silver Creek",
    "Prairie",
    "Blue Ridge",
    "Harbor",
    "Evergreen",
    "Granite",
    "Magnolia",
    "Redwood",
    "Heartland",
    "Shoreline",
    "Canyon",
    "Willow",
    "Frontier",
    "Keystone",
    "Liberty",
)
ACCOUNT_NAME_SUFFIXES: dict[str, tuple[str, ...]] = {
    "IDN": ("Health System", "Health", "Healthcare", "Health Network"),
    "Regional System": ("Regional Health", "Health Region"),
    "Hospital": ("Medical Center", "Regional Hospital", "Community Hospital", "Hospital"),
    "Academic Medical Center": ("University Medical Center", "Academic Medical Center"),
    "Critical Access Hospital": ("County Hospital", "Critical Access Hospital"),
    "ASC": ("Surgery Center", "Surgical Center", "Ambulatory Surgery Center"),
    "Physician Group": (
        "Physicians Group",
        "Medical Group",
        "Orthopedic Associates",
        "Cardiology Associates",
    ),
    "Clinic": ("Family Clinic", "Urgent Care", "Health Clinic"),
    "Post-Acute Care": ("Rehabilitation Center", "Skilled Nursing Center"),
    "Imaging Center": ("Imaging Center", "Diagnostic Imaging"),
}
# (city, state, three-digit ZIP prefix)
CITIES: tuple[tuple[str, str, str], ...] = (
    ("Springfield", "IL", "627"),
    ("Columbus", "OH", "432"),
    ("Louisville", "KY", "402"),
    ("Nashville", "TN", "372"),
    ("Richmond", "VA", "232"),
    ("Raleigh", "NC", "276"),
    ("Tampa", "FL", "336"),
    ("Jacksonville", "FL", "322"),
    ("Birmingham", "AL", "352"),
    ("Little Rock", "AR", "722"),
    ("Tulsa", "OK", "741"),
    ("Wichita", "KS", "672"),
    ("Omaha", "NE", "681"),
    ("Des Moines", "IA", "503"),
    ("Madison", "WI", "537"),
    ("Grand Rapids", "MI", "495"),
    ("Toledo", "OH", "436"),
    ("Pittsburgh", "PA", "152"),
    ("Albany", "NY", "122"),
    ("Hartford", "CT", "061"),
    ("Worcester", "MA", "016"),
    ("Portland", "ME", "041"),
    ("Burlington", "VT", "054"),
    ("Boise", "ID", "837"),
    ("Spokane", "WA", "992"),
    ("Eugene", "OR", "974"),
    ("Sacramento", "CA", "958"),
    ("Fresno", "CA", "937"),
    ("Reno", "NV", "895"),
    ("Tucson", "AZ", "857"),
    ("Albuquerque", "NM", "871"),
    ("El Paso", "TX", "799"),
    ("San Antonio", "TX", "782"),
    ("Lubbock", "TX", "794"),
    ("Baton Rouge", "LA", "708"),
    ("Jackson", "MS", "392"),
    ("Savannah", "GA", "314"),
    ("Charleston", "SC", "294"),
    ("Knoxville", "TN", "379"),
    ("Lexington", "KY", "405"),
    ("Fort Wayne", "IN", "468"),
    ("Peoria", "IL", "616"),
    ("Duluth", "MN", "558"),
    ("Fargo", "ND", "581"),
    ("Sioux Falls", "SD", "571"),
    ("Billings", "MT", "591"),
    ("Cheyenne", "WY", "820"),
    ("Colorado Springs", "CO", "809"),
    ("Salt Lake City", "UT", "841"),
    ("Anchorage", "AK", "995"),
)
BILLING_COUNTRIES: tuple[str, ...] = ("United States", "US", "USA")  # spelling varies by record
WEBSITE_FORMATS: tuple[str, ...] = ("https://www.{}", "http://{}", "www.{}", "{}", "https://{}/")
DOMAIN_TLDS: tuple[str, ...] = ("org", "com")
PERSONAL_EMAIL_DOMAINS: tuple[str, ...] = ("gmail.com", "yahoo.com", "outlook.com")

# Companies that appear on leads but match no account (and their email domains match nothing).
UNKNOWN_LEAD_COMPANIES: tuple[tuple[str, str], ...] = (
    ("Lakeshore Home Health", "lakeshorehomehealth.com"),
    ("Pinecrest Senior Living", "pinecrestliving.com"),
    ("Brightsmile Dental Partners", "brightsmiledental.com"),
    ("Metro Veterinary Hospital", "metrovet.com"),
    ("Coastal Staffing Solutions", "coastalstaffing.net"),
    ("Self-employed", "gmail.com"),
    ("Healthcare Consulting Group", "hcgconsult.com"),
    ("State Department of Health", "health.state.gov"),
)

# --- People and users ---------------------------------------------------------------------------------------

FIRST_NAMES: tuple[str, ...] = (
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Lisa",
    "Daniel",
    "Nancy",
    "Matthew",
    "Betty",
    "Anthony",
    "Sandra",
    "Mark",
    "Margaret",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Andrew",
    "Emily",
    "Paul",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Carol",
    "Kevin",
    "Amanda",
    "Brian",
    "Melissa",
    "George",
    "Deborah",
    "Timothy",
    "Stephanie",
    "Ronald",
    "Rebecca",
    "Jason",
    "Sharon",
    "Edward",
    "Laura",
    "Jeffrey",
    "Cynthia",
    "Ryan",
    "Amy",
    "Jacob",
    "Kathleen",
    "Gary",
    "Angela",
    "Nicholas",
    "Shirley",
    "Eric",
    "Brenda",
    "Jonathan",
    "Emma",
    "Priya",
    "Wei",
    "Carlos",
    "Ana",
    "Mohammed",
    "Fatima",
    "Hiroshi",
    "Mei",
    "Olusegun",
    "Ngozi",
    "Diego",
    "Lucia",
    "Arjun",
    "Sofia",
    "Dmitri",
    "Elena",
    "Kwame",
    "Aisha",
    "Minh",
    "Thanh",
)
LAST_NAMES: tuple[str, ...] = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Patel",
    "Chen",
    "Kim",
    "Singh",
    "Okafor",
    "O'Brien",
    "Murphy",
    "Sullivan",
    "Kowalski",
    "Nakamura",
    "Haddad",
    "Novak",
    "Fischer",
    "Larsen",
    "Costa",
    "Silva",
    "Ivanova",
    "Mensah",
    "Tran",
    "Gupta",
)

LEAD_SOURCES: tuple[str, ...] = (
    "Web",
    "Webinar",
    "Trade Show",
    "Content Syndication",
    "Email",
    "Paid Search",
    "Organic Search",
    "Referral",
    "GPO Referral",
    "Partner",
    "Sales Generated",
    "Purchased List",
    "Chat",
)
LEAD_STATUSES: tuple[str, ...] = (
    "Open - Not Contacted",
    "Working - Contacted",
    "MQL",
    "Sales Accepted",
    "Closed - Converted",
    "Closed - Not Converted",
)
LEAD_HISTORY_FIELDS: tuple[str, ...] = ("Status", "Owner", "Rating")  # only Status drives handoffs
LEAD_RATINGS: tuple[str, ...] = ("Cold", "Warm", "Hot")

# (title, department, user role name); user_role_id is derived from the role's position.
USER_TITLES: tuple[tuple[str, str, str], ...] = (
    ("Account Executive", "Sales", "Sales Rep"),
    ("Strategic Account Director", "Sales", "Sales Rep"),
    ("Sales Development Representative", "Sales Development", "SDR"),
    ("Demand Generation Manager", "Marketing", "Marketing"),
    ("Marketing Operations Manager", "Marketing", "Marketing"),
    ("Sales Operations Analyst", "Sales Operations", "Sales Ops"),
    ("VP Sales", "Sales", "Sales Leadership"),
    ("Integration User", "IT", "System"),
)
USER_ROLES: tuple[str, ...] = ("Sales Rep", "SDR", "Marketing", "Sales Ops", "Sales Leadership", "System")
VENDOR_NAME: str = "Meridian Health Technologies"  # "us": the seller whose CRM this is
VENDOR_EMAIL_DOMAIN: str = "meridianhealthtech.com"
VENDOR_SITE: str = "https://www.meridianhealthtech.com"

# --- Opportunities ------------------------------------------------------------------------------------------

OPPORTUNITY_STAGES: tuple[str, ...] = (
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Id. Decision Makers",
    "Perception Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
    "Clinical Evaluation",
    "Value Analysis Review",
    "Contracting",
)
# Two stage paths are in use: the healthcare one (most opportunities) and Salesforce's default one.
HEALTHCARE_STAGE_PATH: tuple[str, ...] = (
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Clinical Evaluation",
    "Value Analysis Review",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Contracting",
)
STANDARD_STAGE_PATH: tuple[str, ...] = (
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Id. Decision Makers",
    "Perception Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
)
STAGE_PROBABILITY: dict[str, float] = {
    "Prospecting": 10.0,
    "Qualification": 20.0,
    "Needs Analysis": 25.0,
    "Value Proposition": 35.0,
    "Id. Decision Makers": 45.0,
    "Perception Analysis": 50.0,
    "Clinical Evaluation": 40.0,
    "Value Analysis Review": 55.0,
    "Proposal/Price Quote": 65.0,
    "Negotiation/Review": 80.0,
    "Contracting": 90.0,
    "Closed Won": 100.0,
    "Closed Lost": 0.0,
}
STAGE_FORECAST_CATEGORY: dict[str, str] = {
    "Prospecting": "Pipeline",
    "Qualification": "Pipeline",
    "Needs Analysis": "Pipeline",
    "Value Proposition": "Pipeline",
    "Id. Decision Makers": "Pipeline",
    "Perception Analysis": "Best Case",
    "Clinical Evaluation": "Pipeline",
    "Value Analysis Review": "Best Case",
    "Proposal/Price Quote": "Best Case",
    "Negotiation/Review": "Commit",
    "Contracting": "Commit",
    "Closed Won": "Closed",
    "Closed Lost": "Omitted",
}
FORECAST_CATEGORIES: tuple[str, ...] = ("Pipeline", "Best Case", "Commit", "Closed", "Omitted")
OPPORTUNITY_TYPES: tuple[str, ...] = ("New Business", "Existing Business", "Renewal")
OPPORTUNITY_LEAD_SOURCES: tuple[str, ...] = ("Sales Generated", "Partner", "GPO Referral", "Referral")

CONTACT_ROLES: tuple[str, ...] = (
    "Business User",
    "Decision Maker",
    "Economic Buyer",
    "Economic Decision Maker",
    "Evaluator",
    "Executive Sponsor",
    "Influencer",
    "Technical Buyer",
    "Other",
)
# Which roles a contact of each layer is given on an opportunity (the first is the most common).
ROLES_BY_LAYER: dict[str, tuple[str, ...]] = {
    "user": ("Business User", "Evaluator"),
    "influencer": ("Influencer", "Evaluator"),
    "approver": ("Decision Maker", "Executive Sponsor"),
    "financial_owner": ("Economic Buyer", "Economic Decision Maker"),
    "gatekeeper": ("Technical Buyer", "Other"),
}

# --- Products, vendors, contracts ---------------------------------------------------------------------------

PRODUCT_CATEGORIES: tuple[str, ...] = (
    "Clinical Communication",
    "Patient Flow",
    "Surgical Analytics",
    "Remote Patient Monitoring",
    "Infusion Management",
    "Supply Chain Analytics",
)
# Incumbent (competitor) vendors; fictional names.
INCUMBENT_VENDORS: tuple[str, ...] = (
    "Northwind Medical",
    "Contoso Health Systems",
    "Apex Clinical Solutions",
    "Summit MedTech",
    "BlueRiver Devices",
    "Cardinal Point Health",
    "Harborview Software",
    "Vantage Care Technologies",
)

# --- Intent -------------------------------------------------------------------------------------------------

PRODUCT_INTENT_TOPICS: tuple[str, ...] = (
    "Clinical Communication",
    "Nurse Call Systems",
    "Patient Flow Optimization",
    "Hospital Capacity Management",
    "Surgical Scheduling",
    "Remote Patient Monitoring",
    "Infusion Pump Safety",
    "Value Analysis",
    "Healthcare Supply Chain",
    "Healthcare Cybersecurity",
)
IRRELEVANT_INTENT_TOPICS: tuple[str, ...] = (
    "Employee Wellness",
    "Payroll Software",
    "Office Furniture",
    "Cafeteria Management",
    "Parking Systems",
    "Cloud Storage",
)
INTENT_TOPICS: tuple[str, ...] = PRODUCT_INTENT_TOPICS + IRRELEVANT_INTENT_TOPICS
# Intent domains that match no account (the provider sees companies the CRM does not have).
UNMATCHED_DOMAIN_SUFFIX: str = "-care.net"

# --- Marketing activity -------------------------------------------------------------------------------------

ACTIVITY_TYPES: tuple[str, ...] = (
    "email_send",
    "email_open",
    "email_click",
    "web_visit",
    "form_fill",
    "content_download",
    "webinar_registration",
    "webinar_attendance",
    "event_registration",
    "event_attendance",
    "social_engagement",
    "chat_conversation",
)
UNKNOWN_ACTIVITY_TYPES: tuple[str, ...] = ("sms_click", "podcast_listen")
ALL_ACTIVITY_TYPES: tuple[str, ...] = ACTIVITY_TYPES + UNKNOWN_ACTIVITY_TYPES

CHANNELS: tuple[str, ...] = (
    "Email",
    "Website",
    "Organic Search",
    "Paid Search",
    "Social",
    "Webinar",
    "Event",
    "Chat",
    "SMS",
    "Podcast",
)
WEB_VISIT_CHANNELS: tuple[str, ...] = ("Website", "Organic Search", "Paid Search", "Social", "Email")
UTM_QUERY: str = "?utm_source=newsletter&utm_medium=email&utm_campaign=nurture"

SIGNAL_STAGES: tuple[str, ...] = ("early", "mid", "late")

# (activity_type, stage, channel, asset_name, url path). Campaign-linked types (email_*, webinar_*, event_*)
# take their asset_name from the campaign; their row here only fixes the stage and, for clicks, the page.
TOUCHES: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("email_send", "early", "Email", None, None),
    ("email_send", "mid", "Email", None, None),
    ("email_send", "late", "Email", None, None),
    ("email_click", "early", "Email", None, "/blog/reducing-alarm-fatigue"),
    ("email_click", "early", "Email", None, "/resources/guides/clinical-communication-playbook"),
    ("email_click", "mid", "Email", None, "/customers/case-studies"),
    ("email_click", "mid", "Email", None, "/resources/clinical-evidence"),
    ("email_click", "late", "Email", None, "/pricing"),
    ("email_click", "late", "Email", None, "/roi-calculator"),
    ("web_visit", "early", "Website", None, "/"),
    ("web_visit", "early", "Website", None, "/blog/reducing-alarm-fatigue"),
    ("web_visit", "early", "Website", None, "/blog/5-ways-to-cut-length-of-stay"),
    ("web_visit", "early", "Website", None, "/blog/value-analysis-101"),
    ("web_visit", "early", "Website", None, "/resources/guides/clinical-communication-playbook"),
    ("web_visit", "early", "Website", None, "/about"),
    ("web_visit", "early", "Website", None, "/careers"),
    ("web_visit", "mid", "Website", None, "/solutions/clinical-communication"),
    ("web_visit", "mid", "Website", None, "/solutions/patient-flow"),
    ("web_visit", "mid", "Website", None, "/solutions/surgical-analytics"),
    ("web_visit", "mid", "Website", None, "/customers/case-studies"),
    ("web_visit", "mid", "Website", None, "/resources/clinical-evidence"),
    ("web_visit", "mid", "Website", None, "/integrations/epic"),
    ("web_visit", "mid", "Website", None, "/demo"),
    ("web_visit", "late", "Website", None, "/pricing"),
    ("web_visit", "late", "Website", None, "/roi-calculator"),
    ("web_visit", "late", "Website", None, "/security"),
    ("web_visit", "late", "Website", None, "/trust-center/hecvat"),
    ("web_visit", "late", "Website", None, "/contact-sales"),
    ("form_fill", "early", "Website", "Newsletter Signup", "/newsletter"),
    ("form_fill", "early", "Website", "Download: Clinical Communication Playbook", "/resources/guides"),
    ("form_fill", "mid", "Website", "Request a Demo", "/demo"),
    ("form_fill", "mid", "Website", "Clinical Evaluation Request", "/clinical-evaluation"),
    ("form_fill", "late", "Website", "Contact Sales", "/contact-sales"),
    ("form_fill", "late", "Website", "Request a Quote", "/pricing"),
    ("form_fill", "late", "Website", "RFP Response Request", "/rfp"),
    ("form_fill", "late", "Website", "Security Documentation Request", "/trust-center"),
    ("content_download", "early", "Website", "Alarm Fatigue eBook", "/resources/ebooks/alarm-fatigue"),
    (
        "content_download",
        "early",
        "Website",
        "Nurse Retention Report 2026",
        "/resources/reports/nurse-retention",
    ),
    ("content_download", "mid", "Website", "Clinical Evidence Summary", "/resources/clinical-evidence"),
    ("content_download", "mid", "Website", "Case Study: Regional Health System", "/resources/case-studies"),
    ("content_download", "mid", "Website", "Value Analysis Evidence Pack", "/resources/value-analysis"),
    ("content_download", "late", "Website", "ROI Calculator Worksheet", "/resources/roi-worksheet"),
    ("content_download", "late", "Website", "Security & Compliance Overview (HECVAT)", "/resources/hecvat"),
    ("content_download", "late", "Website", "CFO Guide to Capital Planning", "/resources/cfo-capital-guide"),
    ("webinar_registration", "early", "Webinar", None, None),
    ("webinar_registration", "mid", "Webinar", None, None),
    ("event_registration", "early", "Event", None, None),
    ("event_registration", "mid", "Event", None, None),
    ("social_engagement", "early", "Social", "LinkedIn post: Nurse Week", None),
    ("social_engagement", "early", "Social", "LinkedIn post: Alarm fatigue survey", None),
    ("social_engagement", "mid", "Social", "LinkedIn post: Customer story", None),
    ("chat_conversation", "early", "Chat", "Website chat: general question", "/"),
    ("chat_conversation", "mid", "Chat", "Website chat: integration question", "/integrations/epic"),
    ("chat_conversation", "late", "Chat", "Website chat: pricing question", "/pricing"),
    ("sms_click", "early", "SMS", "SMS reminder", "/events"),
    ("podcast_listen", "early", "Podcast", "Healthcare Ops Podcast Ep. 12", None),
)
# Spawned from a base touch (an open follows a send, attendance follows a registration).
SPAWNED_TOUCHES: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("email_open", "early", "Email", None, None),
    ("webinar_attendance", "early", "Webinar", None, None),
    ("event_attendance", "early", "Event", None, None),
)

# --- Campaigns ----------------------------------------------------------------------------------------------

CAMPAIGN_TYPES: tuple[str, ...] = ("Email", "Webinar", "Trade Show", "Conference", "Program", "Nurture")
CAMPAIGN_STATUSES: tuple[str, ...] = ("Planned", "In Progress", "Completed", "Aborted")
CAMPAIGN_MEMBER_STATUSES: tuple[str, ...] = (
    "Sent",
    "Opened",
    "Clicked",
    "Registered",
    "Attended",
    "No Show",
)
# (name, stage): always-on nurture tracks.
NURTURE_TRACKS: tuple[tuple[str, str], ...] = (
    ("Clinical Workflow Nurture", "early"),
    ("Product Evaluation Nurture", "mid"),
    ("Executive ROI Nurture", "late"),
)
WEBINAR_TITLES: tuple[tuple[str, str], ...] = (
    ("Webinar: Reducing Alarm Fatigue on Med-Surg Units", "early"),
    ("Webinar: Nurse Retention Through Better Workflows", "early"),
    ("Webinar: Capacity Management Lessons from IDNs", "early"),
    ("Webinar: Live Product Demo", "mid"),
    ("Webinar: Building the Value Analysis Case", "mid"),
    ("Webinar: Integrating with Epic", "mid"),
)
# (name, month) of yearly trade shows and conferences.
TRADE_SHOWS: tuple[tuple[str, int], ...] = (
    ("HIMSS Global Conference", 3),
    ("AORN Global Surgical Conference", 4),
    ("AONL Annual Conference", 5),
    ("AHA Leadership Summit", 7),
    ("Becker's Hospital Review CEO + CFO Roundtable", 11),
    ("Regional Nursing Leadership Forum", 9),
)
CAMPAIGN_PROGRAMS: tuple[str, ...] = ("Demand Generation", "Events", "Webinars", "Nurture")

# --- Sales activity (tasks and events) ----------------------------------------------------------------------

TASK_TYPES: tuple[str, ...] = ("Call", "Email", "Meeting", "Task", "Other")
TASK_SUBTYPES: tuple[str, ...] = ("Task", "Email", "Call")
TASK_STATUSES: tuple[str, ...] = ("Completed", "Not Started", "In Progress", "Deferred")
EVENT_TYPES: tuple[str, ...] = TASK_TYPES
EVENT_SUBTYPES: tuple[str, ...] = ("Event",)
HANDOFF_TASK_SUBJECT: str = "Sales handoff: lead accepted"

# (subject, stage, task type, layer it is mostly addressed to or None for any)
TASK_SUBJECTS: tuple[tuple[str, str, str, str | None], ...] = (
    ("Intro call", "early", "Call", None),
    ("Follow-up email", "early", "Email", None),
    ("Left voicemail", "early", "Call", None),
    ("Sent overview deck", "early", "Email", None),
    ("Discovery call", "early", "Call", None),
    ("Product demo follow-up", "mid", "Email", None),
    ("Clinical evaluation kickoff", "mid", "Task", "influencer"),
    ("Clinical evaluation check-in", "mid", "Call", "user"),
    ("Send clinical evidence pack", "mid", "Email", "influencer"),
    ("Reference call", "late", "Call", "approver"),
    ("Value analysis committee review", "late", "Task", "approver"),
    ("Budget approval meeting", "late", "Task", "financial_owner"),
    ("ROI review with finance", "late", "Call", "financial_owner"),
    ("Send proposal", "late", "Email", "financial_owner"),
    ("Security questionnaire", "late", "Task", "gatekeeper"),
    ("Contract redlines", "late", "Task", "gatekeeper"),
    ("BAA and legal review", "late", "Task", "gatekeeper"),
    ("Vendor registration with procurement", "late", "Other", "gatekeeper"),
)
EVENT_SUBJECTS: tuple[tuple[str, str, str, str | None], ...] = (
    ("Intro meeting", "early", "Meeting", None),
    ("Trade show booth meeting", "early", "Meeting", None),
    ("Onsite demo", "mid", "Meeting", None),
    ("Clinical evaluation kickoff", "mid", "Meeting", "influencer"),
    ("Executive briefing", "late", "Meeting", "approver"),
    ("Value analysis committee presentation", "late", "Meeting", "approver"),
    ("Budget approval meeting", "late", "Meeting", "financial_owner"),
    ("Security review call", "late", "Call", "gatekeeper"),
    ("Contract negotiation", "late", "Meeting", "gatekeeper"),
)
LATE_STAGE_SUBJECTS: tuple[str, ...] = tuple(
    sorted({s for s, stage, _, _ in TASK_SUBJECTS + EVENT_SUBJECTS if stage == "late"})
)
