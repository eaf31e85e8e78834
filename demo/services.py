"""A small, complete demo world filed through the real services, so every page has something to show.

`seed_demo()` is idempotent: each object is looked up by a natural key (region code, organisation
name, username, registration number, store id, a `[demo:<key>]` marker in the complaint's
description) and only created when missing. A second run creates nothing and reports the same
logins. Demo complaints are submitted through `complaints.services` and their cases are routed by
`enforcement.services.routing` exactly as a real submission would be.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from accounts.models import Membership, Organisation, OrgKind, Role, SupervisingAuthority, User
from cases.links import respondent_url
from cases.models import Case, CaseStatus, DecisionReview, HandlingMode
from cases.services.decisions import listing_decide
from cases.services.review import review_request_respondent
from cases.services.routing import complaint_route
from complaints.models import (
    Complaint,
    ComplaintStatus,
    InfringementType,
    IPRight,
    RightType,
    VerificationStatus,
)
from complaints.services import (
    ListingInput,
    complaint_create,
    complaint_submit,
    ip_right_register,
    ip_right_set_verification,
)
from complaints.uploads import checked_upload
from demo.dispute_cases import demo_cases_at_dispute_bodies
from demo.steps import demo_cases_advance
from disputes.models import DisputeBodyKind, DisputeResolutionBody
from enforcement.models import Office
from law_enforcement.models import AuthorityKind, LawEnforcementAuthority, OutcomeKind, Referral
from law_enforcement.services.referrals import (
    referral_acknowledge,
    referral_make,
    referral_outcome_record,
)
from platforms.models import DecisionAction, Platform, ReasonCode, Store
from platforms.statements import StatementParts
from regions.models import Region

# code, name, parent code
REGIONS = [
    ("110000", "Beijing", None),
    ("110105", "Chaoyang District", "110000"),
    ("510000", "Sichuan Province", None),
    ("510100", "Chengdu", "510000"),
]

# organisation name, contact email, region codes served
OFFICES = [
    ("Sichuan IPR Office", "ipr-cases@sichuan-office.example.test", ["510000"]),
    ("Beijing IPR Office", "ipr-cases@beijing-office.example.test", ["110000"]),
]

# organisation name, contact email, registered region, stores (store id, name, region code)
PLATFORMS = [
    (
        "ShopRiver",
        "ip-protection@shopriver.example.test",
        "510100",
        [
            ("sr-1001", "Golden Panda Outlet", "510100"),
            ("sr-1002", "Jinjiang Gadget House", "510100"),
            ("sr-1003", "Tianfu Kitchen Supplies", "510100"),
            ("sr-1004", "Wuhou Leather Goods", "510100"),
        ],
    ),
    (
        "MallStar",
        "ipr@mallstar.example.test",
        "110105",
        [
            ("ms-2001", "Chaoyang Fashion Corner", "110105"),
            ("ms-2002", "Capital Print Shop", "110105"),
        ],
    ),
]

# Chinese pages show these names (Organisation.name_zh).
NAMES_ZH = {
    "Sichuan IPR Office": "四川省知识产权局",
    "Beijing IPR Office": "北京市知识产权局",
    "ShopRiver": "商河网",
    "MallStar": "星商城",
    "Panda Brands Co., Ltd.": "熊猫品牌有限公司",
    "Tianfu Innovations Ltd.": "天府创新有限公司",
    "Beijing Chaoyang Market Regulation Administration": "北京市朝阳区市场监督管理局",
}

RIGHTSHOLDERS = [
    ("Panda Brands Co., Ltd.", "legal@pandabrands.example.test"),
    ("Tianfu Innovations Ltd.", "ip@tianfu-innovations.example.test"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    organisation: str | None  # None: the operator, who works in /admin/ without a membership
    role: str = Role.MEMBER
    first_name: str = ""
    last_name: str = ""


# Fixed demo passwords (documented in README.md). Each passes the validators in settings.
USERS = [
    DemoUser("panda-manager", "Bamboo-Lantern-4821", "Panda Brands Co., Ltd.", Role.MANAGER, "Li", "Na"),
    DemoUser("panda-member", "Jade-Harbour-5932", "Panda Brands Co., Ltd.", Role.MEMBER, "Wang", "Fang"),
    DemoUser("tianfu-member", "Pepper-Valley-6043", "Tianfu Innovations Ltd.", Role.MEMBER, "Zhang", "Wei"),
    DemoUser("shopriver-staff", "River-Kite-7154", "ShopRiver", Role.MEMBER, "Chen", "Jing"),
    DemoUser("shopriver-manager", "Willow-Ferry-3165", "ShopRiver", Role.MANAGER, "Zhou", "Xin"),
    DemoUser("mallstar-staff", "Star-Orchard-8265", "MallStar", Role.MEMBER, "Liu", "Yang"),
    DemoUser("mallstar-manager", "Lotus-Bridge-4276", "MallStar", Role.MANAGER, "Wu", "Qing"),
    DemoUser("sichuan-official", "Hotpot-Meadow-9376", "Sichuan IPR Office", Role.MANAGER, "Yang", "Min"),
    DemoUser("sichuan-member", "Bamboo-Terrace-5387", "Sichuan IPR Office", Role.MEMBER, "Sun", "Li"),
    DemoUser("beijing-official", "Hutong-Compass-1487", "Beijing IPR Office", Role.MANAGER, "Zhao", "Lei"),
    DemoUser("beijing-member", "Palace-Garden-6498", "Beijing IPR Office", Role.MEMBER, "Qian", "Hao"),
    DemoUser(
        "cnipa-supervisor", "Summit-Ledger-3609", "National IP Administration", Role.MEMBER, "Sun", "Hui"
    ),
    DemoUser(
        "tianfu-mediator", "Teahouse-Bridge-4710", "Tianfu IP Mediation Centre", Role.MANAGER, "Hu", "Jun"
    ),
    DemoUser(
        "chengdu-arbitrator",
        "Lotus-Chamber-5821",
        "Chengdu Arbitration Commission",
        Role.MANAGER,
        "Ma",
        "Lin",
    ),
    DemoUser(
        "chaoyang-regulator",
        "Market-Lantern-6932",
        "Beijing Chaoyang Market Regulation Administration",
        Role.MEMBER,
        "Gao",
        "Yun",
    ),
    DemoUser("operator", "Admin-Lighthouse-2598", None, first_name="Demo", last_name="Operator"),
]


@dataclass(frozen=True)
class DemoRight:
    key: str
    holder: str
    registered_by: str
    right_type: str
    registration_number: str
    title: str
    valid_from: date
    valid_until: date


RIGHTS = [
    DemoRight(
        "trademark",
        "Panda Brands Co., Ltd.",
        "panda-manager",
        RightType.TRADEMARK,
        "TM-38120457",
        "PANDA GOLD (class 25: clothing, footwear)",
        date(2019, 5, 14),
        date(2039, 5, 13),
    ),
    DemoRight(
        "copyright",
        "Panda Brands Co., Ltd.",
        "panda-manager",
        RightType.COPYRIGHT,
        "GZDZ-2023-F-00102938",
        "Panda Gold catalogue photographs 2023",
        date(2023, 2, 1),
        date(2073, 12, 31),
    ),
    DemoRight(
        "patent",
        "Tianfu Innovations Ltd.",
        "tianfu-member",
        RightType.INVENTION_PATENT,
        "ZL202010345678.9",
        "Self-heating lunch box with a sealed reaction chamber",
        date(2020, 3, 16),
        date(2040, 3, 15),
    ),
]


@dataclass(frozen=True)
class DemoComplaint:
    key: str
    filed_by: str
    right: str
    platform: str
    infringement_type: str
    requested_administrative: bool
    description: str
    listings: list[tuple[str, str]]  # (store id, listing id)
    expected_mode: str

    @property
    def marker(self) -> str:
        return f"[demo:{self.key}]"


COMPLAINTS = [
    DemoComplaint(
        "trademark-platform",
        "panda-member",
        "trademark",
        "ShopRiver",
        InfringementType.COUNTERFEIT,
        False,
        "Trainers sold as PANDA GOLD that Panda Brands never made: wrong stitching, fake hang tags, "
        "prices a third of retail. Test purchase receipts attached.",
        [("sr-1001", "880101"), ("sr-1001", "880102"), ("sr-1002", "880233"), ("sr-1004", "880391")],
        HandlingMode.PLATFORM,
    ),
    DemoComplaint(
        "patent-assisted",
        "tianfu-member",
        "patent",
        "ShopRiver",
        InfringementType.PATENT,
        False,
        "The listed lunch box reproduces claims 1-4 of the patent: a sealed reaction chamber under the food "
        "tray with a pull-tab water pouch. A technical comparison is attached.",
        [("sr-1003", "881507")],
        HandlingMode.ASSISTED,
    ),
    DemoComplaint(
        "copyright-administrative",
        "panda-manager",
        "copyright",
        "MallStar",
        InfringementType.COPYRIGHT,
        True,
        "Our 2023 catalogue photographs are used without licence to sell unrelated goods. The stores ignored "
        "earlier notices, so we ask the office to handle the case administratively.",
        [("ms-2001", "552019"), ("ms-2002", "552877")],
        HandlingMode.ADMINISTRATIVE,
    ),
    DemoComplaint(
        "copyright-consent",
        "panda-manager",
        "copyright",
        "MallStar",
        InfringementType.COPYRIGHT,
        True,
        "A second store copies the 2023 catalogue photographs onto its banners; we ask the office to handle "
        "it administratively. Screenshots attached.",
        [("ms-2001", "552420")],
        HandlingMode.ADMINISTRATIVE,
    ),
    DemoComplaint(
        "trademark-queue",
        "panda-member",
        "trademark",
        "MallStar",
        InfringementType.COUNTERFEIT,
        False,
        "Hoodies with the PANDA GOLD mark embroidered on the chest, sold far below retail; Panda Brands "
        "makes no such hoodie. Screenshots of the listing attached.",
        [("ms-2002", "553140")],
        HandlingMode.PLATFORM,
    ),
    # Its two cases are taken to the mediation centre and the arbitration commission (demo.dispute_cases).
    DemoComplaint(
        "trademark-disputes",
        "panda-member",
        "trademark",
        "ShopRiver",
        InfringementType.COUNTERFEIT,
        False,
        "Running shoes sold as PANDA GOLD with a misspelt tongue label and no security tag; Panda Brands "
        "never made this model. Test purchase receipts attached.",
        [("sr-1003", "880512"), ("sr-1004", "880640")],
        HandlingMode.PLATFORM,
    ),
]

# Where each kind of user starts: URL name of the console, and its prefix if the name is not routed yet.
OPEN_AT = {
    OrgKind.RIGHTSHOLDER: ("complaints:home", "/portal/", "portal: rights, complaints, cases"),
    OrgKind.PLATFORM: ("platforms:queue", "/platform/", "platform console: triage queue"),
    OrgKind.OFFICE: ("enforcement:docket", "/office/", "office console: docket"),
    OrgKind.SUPERVISOR: ("supervision:dashboard", "/supervision/", "supervision dashboard (read-only)"),
    OrgKind.DISPUTE_BODY: ("disputes:console", "/disputes/", "dispute-resolution console: referred cases"),
    OrgKind.LAW_ENFORCEMENT: (
        "law_enforcement:console",
        "/law-enforcement/",
        "law-enforcement console: referrals, clue packages, outcomes",
    ),
}


@dataclass
class LoginRow:
    username: str
    password: str
    organisation: str
    role: str
    open_url: str
    what: str


@dataclass
class DemoReport:
    created: Counter[str] = field(default_factory=Counter)
    logins: list[LoginRow] = field(default_factory=list)
    # (mode, status, office name or "", number of cases)
    cases: list[tuple[str, str, str, int]] = field(default_factory=list)
    complaint_ids: list[int] = field(default_factory=list)
    # (case number, store, the respondent's signed link): respondents have no account
    respondent_links: list[tuple[int, str, str]] = field(default_factory=list)


def demo_pdf(title: str) -> bytes:
    """A minimal, valid one-page PDF showing `title` (ASCII), for demo certificates and evidence."""
    text = (
        title.encode("ascii", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    )
    stream = b"BT /F1 14 Tf 72 770 Td (" + text + b") Tj 0 -24 Td (Demo document - not a real record) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


def seed_demo(*, base_url: str = "http://127.0.0.1:8000") -> DemoReport:
    """Create whatever part of the demo world is missing, file and route the demo complaints.

    After: every demo complaint is submitted and each of its cases is routed; `report.created`
    counts only what this call created (empty on a second run).
    """
    report = DemoReport()
    with transaction.atomic():
        users = _world(report)
    for spec in COMPLAINTS:
        complaint = _demo_complaint(spec, users, report)
        report.complaint_ids.append(complaint.pk)
    # With a broker the worker routes these; with none the eager task already has. Either way make sure
    # before reporting: routing is idempotent, so a case routed already is left as it is.
    for complaint_id in report.complaint_ids:
        complaint_route(complaint_id=complaint_id)
    report.created["case steps"] += demo_cases_advance(
        complaint_ids=dict(zip((spec.key for spec in COMPLAINTS), report.complaint_ids, strict=True)),
        users=users,
    )
    _case_waiting_at_review(users["shopriver-staff"], report)
    report.created["cases at dispute-resolution bodies"] += demo_cases_at_dispute_bodies(
        complaint_id=report.complaint_ids[[spec.key for spec in COMPLAINTS].index("trademark-disputes")],
        users=users,
    )
    _referral_under_investigation(users["mallstar-staff"], users["chaoyang-regulator"], report)
    report.logins = _login_rows(base_url.rstrip("/"))
    report.respondent_links = [
        (case.pk, str(case.store), f"{base_url.rstrip('/')}{respondent_url(case)}")
        for case in Case.objects.filter(complaint_id__in=report.complaint_ids)
        .select_related("store")
        .order_by("pk")
    ]
    mode_order = {mode: i for i, mode in enumerate(HandlingMode.values)}
    report.cases = sorted(
        (
            (row["mode"], row["status"], row["office__organisation__name"] or "", row["n"])
            for row in Case.objects.filter(complaint_id__in=report.complaint_ids)
            .values("mode", "status", "office__organisation__name")
            .order_by()
            .annotate(n=Count("pk"))
        ),
        key=lambda row: (mode_order.get(row[0], len(mode_order)), row[1], row[2]),
    )
    return report


def _world(report: DemoReport) -> dict[str, User]:
    regions: dict[str, Region] = {}
    for code, name, parent in REGIONS:
        region, created = Region.objects.get_or_create(
            code=code, defaults={"name": name, "parent": regions.get(parent) if parent else None}
        )
        regions[code] = region
        report.created["regions"] += created

    for name, email, served in OFFICES:
        org = _organisation(name, OrgKind.OFFICE, email, report)
        office, created = Office.objects.get_or_create(organisation=org)
        report.created["offices"] += created
        if created:
            office.regions.set([regions[code] for code in served])

    for name, email, region_code, stores in PLATFORMS:
        org = _organisation(name, OrgKind.PLATFORM, email, report)
        platform, created = Platform.objects.get_or_create(
            organisation=org, defaults={"region": regions[region_code]}
        )
        report.created["platforms"] += created
        for external_id, store_name, store_region in stores:
            _, created = Store.objects.get_or_create(
                platform=platform,
                external_id=external_id,
                defaults={
                    "name": store_name,
                    "region": regions[store_region],
                    "contact_email": f"{external_id}@sellers.example.test",
                },
            )
            report.created["stores"] += created

    for name, email in RIGHTSHOLDERS:
        _organisation(name, OrgKind.RIGHTSHOLDER, email, report)
    _supervising_authority(regions, report)
    _dispute_bodies(regions, report)
    _law_enforcement_authority(regions, report)

    users = {spec.username: _user(spec, report) for spec in USERS}
    for spec in RIGHTS:
        _verified_right(spec, users, report)
    return users


# A national administration supervising every demo region (its official logs in as cnipa-supervisor).
SUPERVISOR = ("National IP Administration", "supervision@cnipa.example.test", ["110000", "510000"])


def _supervising_authority(regions: dict[str, Region], report: DemoReport) -> None:
    name, email, covered = SUPERVISOR
    org = _organisation(name, OrgKind.SUPERVISOR, email, report)
    authority, created = SupervisingAuthority.objects.get_or_create(organisation=org)
    report.created["supervising authorities"] += created
    if created:
        authority.regions.set([regions[code] for code in covered])


@dataclass(frozen=True)
class DemoBody:
    name: str
    email: str
    kind: str
    regions: tuple[str, ...]
    right_types: tuple[str, ...]
    fees: str
    time_limit_working_days: int


# A free mediation centre and a fee-charging arbitration commission, both serving Sichuan.
DISPUTE_BODIES = [
    DemoBody(
        "Tianfu IP Mediation Centre",
        "cases@tianfu-mediation.example.test",
        DisputeBodyKind.MEDIATION_CENTRE,
        ("510000",),
        (RightType.TRADEMARK, RightType.COPYRIGHT, RightType.DESIGN_PATENT),
        "",
        30,
    ),
    DemoBody(
        "Chengdu Arbitration Commission",
        "registry@chengdu-arbitration.example.test",
        DisputeBodyKind.ARBITRATION_COMMISSION,
        ("510000", "510100"),
        tuple(RightType.values),
        "Filing fee CNY 500; handling fee by the amount in dispute, per the commission's published scale.",
        60,
    ),
]


def _dispute_bodies(regions: dict[str, Region], report: DemoReport) -> None:
    for spec in DISPUTE_BODIES:
        org = _organisation(spec.name, OrgKind.DISPUTE_BODY, spec.email, report)
        body, created = DisputeResolutionBody.objects.get_or_create(
            organisation=org,
            defaults={
                "body_kind": spec.kind,
                "right_types": list(spec.right_types),
                "fees": spec.fees,
                "languages": ["zh-hans", "en"],
                "time_limit_working_days": spec.time_limit_working_days,
            },
        )
        report.created["dispute-resolution bodies"] += created
        if created:
            body.regions.set([regions[code] for code in spec.regions])


# A market-regulation authority serving Beijing, where MallStar's stores are (its officer: chaoyang-regulator).
LAW_ENFORCEMENT = (
    "Beijing Chaoyang Market Regulation Administration",
    "referrals@chaoyang-amr.example.test",
    ["110000"],
)
REFERRED_STORE = "ms-2002"
REFERRAL_REASON = (
    "Two complaints against the same store: counterfeit PANDA GOLD hoodies and catalogue photographs copied "
    "onto its goods. The volume and the prices point to an offline source the authority can trace."
)


def _law_enforcement_authority(regions: dict[str, Region], report: DemoReport) -> None:
    name, email, served = LAW_ENFORCEMENT
    org = _organisation(name, OrgKind.LAW_ENFORCEMENT, email, report)
    authority, created = LawEnforcementAuthority.objects.get_or_create(
        organisation=org, defaults={"authority_kind": AuthorityKind.MARKET_REGULATION}
    )
    report.created["law-enforcement authorities"] += created
    if created:
        authority.regions.set([regions[code] for code in served])


def _referral_under_investigation(staff: User, officer: User, report: DemoReport) -> None:
    """MallStar refers the two demo cases against one of its stores; the authority acknowledges receipt and
    opens an investigation. Once a referral of MallStar's exists, nothing."""
    if Referral.objects.filter(referred_by_org=staff.organisation).exists():
        return
    cases = list(
        Case.objects.filter(complaint_id__in=report.complaint_ids, store__external_id=REFERRED_STORE)
        .exclude(status=CaseStatus.NEW)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    authority = LawEnforcementAuthority.objects.get(organisation__name=LAW_ENFORCEMENT[0])
    referral = referral_make(actor=staff, authority_id=authority.pk, reason=REFERRAL_REASON, case_ids=cases)
    referral_acknowledge(referral_id=referral.pk, actor=officer)
    referral_outcome_record(
        referral_id=referral.pk,
        actor=officer,
        kind=OutcomeKind.INVESTIGATION_OPENED,
        note="Investigation opened: the store's warehouse address is being traced.",
    )
    report.created["referrals to law enforcement"] += 1


REVIEW_FACTS = "A test purchase of the listed bag showed the registered mark on goods the holder never made."
REVIEW_REASONS = "The bags are genuine: bought from the brand's authorised distributor, invoice available."


def _case_waiting_at_review(staff: User, report: DemoReport) -> None:
    """One platform-handled demo case decided with measures by `staff`, whose respondent asks for a review
    that another member of the platform's staff can answer. Once any demo case has a review, nothing."""
    demo_cases = Case.objects.filter(complaint_id__in=report.complaint_ids)
    if DecisionReview.objects.filter(case__in=demo_cases).exists():
        return
    case = (
        demo_cases.filter(
            mode=HandlingMode.PLATFORM,
            status=CaseStatus.AWAITING_PLATFORM,
            platform__organisation=staff.organisation,
        )
        .order_by("pk")
        .first()
    )
    if case is None:  # pragma: no cover — the demo complaints always give ShopRiver a platform case
        return
    listing_decide(
        case_id=case.pk,
        listing_ids=list(case.listings.values_list("pk", flat=True)),
        actor=staff,
        action=DecisionAction.TAKE_DOWN,
        reason_code=ReasonCode.COUNTERFEIT,
        statement=StatementParts(
            measure_scope="", facts=REVIEW_FACTS, legal_ground="", automated_means=False, redress=""
        ),
    )
    review_request_respondent(case_id=case.pk, name_given=str(case.store), reasons=REVIEW_REASONS)
    report.created["reviews asked for"] += 1


def _organisation(name: str, kind: str, email: str, report: DemoReport) -> Organisation:
    org, created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "contact_email": email, "name_zh": NAMES_ZH.get(name, "")}
    )
    report.created["organisations"] += created
    if not org.name_zh and NAMES_ZH.get(name):  # a demo database made before names had a Chinese form
        org.name_zh = NAMES_ZH[name]
        org.save(update_fields=["name_zh"])
    return org


def _user(spec: DemoUser, report: DemoReport) -> User:
    operator = spec.organisation is None
    user, created = User.objects.get_or_create(
        username=spec.username,
        defaults={
            "email": f"{spec.username}@demo.example.test",
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "is_staff": operator,
            "is_superuser": operator,
        },
    )
    report.created["users"] += created
    if created:
        validate_password(spec.password, user=user)
    # The table printed at the end must be true: put back a demo password someone changed.
    if created or not user.check_password(spec.password):
        user.set_password(spec.password)
        user.save(update_fields=["password"])
    if spec.organisation is not None and not Membership.objects.filter(user=user).exists():
        Membership.objects.create(
            user=user, organisation=Organisation.objects.get(name=spec.organisation), role=spec.role
        )
        report.created["memberships"] += 1
    return user


def _verified_right(spec: DemoRight, users: dict[str, User], report: DemoReport) -> IPRight:
    holder = Organisation.objects.get(name=spec.holder)
    right = IPRight.objects.filter(
        owner_org=holder, right_type=spec.right_type, registration_number=spec.registration_number
    ).first()
    if right is None:
        right = ip_right_register(
            actor=users[spec.registered_by],
            right_type=spec.right_type,
            registration_number=spec.registration_number,
            title=spec.title,
            owner_name=spec.holder,
            jurisdiction="CN",
            valid_from=spec.valid_from,
            valid_until=spec.valid_until,
            certificate=ContentFile(
                demo_pdf(f"Certificate {spec.registration_number}"), name="certificate.pdf"
            ),
        )
        report.created["rights"] += 1
    return ip_right_set_verification(
        right_id=right.pk,
        actor=users["operator"],
        status=VerificationStatus.VERIFIED,
        note="Demo data: certificate checked by the operator.",
    )


def _demo_complaint(spec: DemoComplaint, users: dict[str, User], report: DemoReport) -> Complaint:
    actor = users[spec.filed_by]
    complaint = (
        Complaint.objects.filter(filed_by_org=actor.organisation, description__contains=spec.marker)
        .order_by("pk")
        .first()
    )
    if complaint is None:
        right_spec = next(r for r in RIGHTS if r.key == spec.right)
        platform = Platform.objects.get(organisation__name=spec.platform)
        stores = dict(platform.stores.values_list("external_id", "name"))
        prefix = spec.platform.lower()
        complaint = complaint_create(
            actor=actor,
            right=IPRight.objects.get(
                owner_org=actor.organisation,
                right_type=right_spec.right_type,
                registration_number=right_spec.registration_number,
            ),
            platform=platform,
            infringement_type=spec.infringement_type,
            description=f"{spec.description}\n\n{spec.marker}",
            good_faith_declared=True,
            requested_administrative=spec.requested_administrative,
            listings=[
                ListingInput(
                    url=f"https://{prefix}.example.test/item/{listing_ref}",
                    listing_ref=listing_ref,
                    store_ref=store_ref,
                    store_name=stores.get(store_ref, ""),
                )
                for store_ref, listing_ref in spec.listings
            ],
            # Through the same content check as a browser upload: sniffed as PDF, stored under a random name.
            evidence=[
                checked_upload(
                    SimpleUploadedFile(
                        f"{spec.key}-test-purchase.pdf",
                        demo_pdf(f"Evidence for {spec.key}"),
                        "application/pdf",
                    )
                )
            ],
        )
        report.created["complaints"] += 1
    if complaint.status == ComplaintStatus.DRAFT:
        complaint = complaint_submit(complaint_id=complaint.pk, actor=actor)
    return complaint


def _login_rows(base_url: str) -> list[LoginRow]:
    rows = []
    for spec in USERS:
        if spec.organisation is None:
            rows.append(
                LoginRow(
                    spec.username,
                    spec.password,
                    "-",
                    "superuser",
                    f"{base_url}/admin/",
                    "Django admin: routing rules, calendar, rights verification",
                )
            )
            continue
        org = Organisation.objects.get(name=spec.organisation)
        url_name, prefix, what = OPEN_AT[OrgKind(org.kind)]
        try:
            path = reverse(url_name)
        except NoReverseMatch:
            path = prefix
        rows.append(LoginRow(spec.username, spec.password, org.name, spec.role, f"{base_url}{path}", what))
    return rows
