"""factory_boy factories, one per model. Defaults build a complete, consistent world around the object."""

from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.core.files.base import ContentFile
from django.db.models import Model
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Membership, Organisation, OrgKind, Role, User
from cases.models import Case, CaseStatus
from complaints.models import (
    Complaint,
    ComplaintStatus,
    EvidenceFile,
    InfringementType,
    IPRight,
    Listing,
    RightType,
    VerificationStatus,
)
from enforcement.models import Office
from law_enforcement.models import AuthorityKind, LawEnforcementAuthority
from platforms.models import Platform, Store
from regions.models import Region

PASSWORD = "correct-horse-battery-9"

M = TypeVar("M", bound=Model)


class ModelFactory(DjangoModelFactory[M]):
    """A factory whose call, like `create()`, is typed as returning the model instance."""

    class Meta:
        abstract = True

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> M: ...  # type: ignore[misc]  # factory_boy's metaclass returns the model instance, not the factory


class OrganisationFactory(ModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrgKind.RIGHTSHOLDER
    contact_email = factory.LazyAttribute(lambda o: f"contact{o.name.split()[-1]}@example.test")


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def organisation(user: User, create: bool, extracted: Organisation | None, **kwargs: Any) -> None:
        if create and extracted is not None:
            Membership.objects.create(user=user, organisation=extracted, role=kwargs.get("role", Role.MEMBER))
        if create:
            user.save()


class RegionFactory(ModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{510000 + n}")
    name = factory.Sequence(lambda n: f"Region {n}")


class OfficeFactory(ModelFactory[Office]):
    class Meta:
        model = Office
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, kind=OrgKind.OFFICE)

    @factory.post_generation
    def regions(office: Office, create: bool, extracted: list[Region] | None, **kwargs: object) -> None:
        if create:
            office.regions.set(extracted if extracted is not None else [RegionFactory()])


class PlatformFactory(ModelFactory[Platform]):
    class Meta:
        model = Platform

    organisation = factory.SubFactory(OrganisationFactory, kind=OrgKind.PLATFORM)
    region = factory.SubFactory(RegionFactory)


class StoreFactory(ModelFactory[Store]):
    class Meta:
        model = Store

    platform = factory.SubFactory(PlatformFactory)
    external_id = factory.Sequence(lambda n: f"store-{n}")
    name = factory.Sequence(lambda n: f"Store {n}")
    contact_email = factory.LazyAttribute(lambda s: f"{s.external_id}@seller.example.test")


class IPRightFactory(ModelFactory[IPRight]):
    class Meta:
        model = IPRight

    owner_org = factory.SubFactory(OrganisationFactory, kind=OrgKind.RIGHTSHOLDER)
    right_type = RightType.TRADEMARK
    registration_number = factory.Sequence(lambda n: f"TM{30000000 + n}")
    title = factory.Sequence(lambda n: f"Mark {n}")
    owner_name = factory.LazyAttribute(lambda r: r.owner_org.name)
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3650))
    certificate = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 certificate", name="certificate.pdf"))
    verification_status = VerificationStatus.VERIFIED


class ComplaintFactory(ModelFactory[Complaint]):
    """A draft by default; pass status=ComplaintStatus.SUBMITTED for one already submitted."""

    class Meta:
        model = Complaint
        skip_postgeneration_save = True

    right = factory.SubFactory(IPRightFactory)
    filed_by_org = factory.SelfAttribute("right.owner_org")
    filed_by = factory.LazyAttribute(lambda c: UserFactory(organisation=c.filed_by_org))
    platform = factory.SubFactory(PlatformFactory)
    infringement_type = InfringementType.COUNTERFEIT
    description = "Counterfeit goods bearing the registered mark."
    good_faith_declared = True
    status = ComplaintStatus.DRAFT
    submitted_at = factory.Maybe(
        factory.LazyAttribute(lambda c: c.status == ComplaintStatus.SUBMITTED),
        yes_declaration=factory.Faker("past_datetime", tzinfo=__import__("datetime").UTC),
        no_declaration=None,
    )

    @factory.post_generation
    def evidence(complaint: Complaint, create: bool, extracted: int | None, **kwargs: object) -> None:
        """`evidence=N` attaches N evidence files: a draft needs one before it can be submitted."""
        if create and extracted:
            for _ in range(extracted):
                EvidenceFileFactory(complaint=complaint)


class ListingFactory(ModelFactory[Listing]):
    class Meta:
        model = Listing

    complaint = factory.SubFactory(ComplaintFactory)
    url = factory.Sequence(lambda n: f"https://shop.example.test/item/{n}")
    listing_ref = factory.Sequence(lambda n: f"item-{n}")
    store_ref = factory.Sequence(lambda n: f"store-{n}")
    store_name = factory.LazyAttribute(lambda o: f"Store {o.store_ref}")


class EvidenceFileFactory(ModelFactory[EvidenceFile]):
    class Meta:
        model = EvidenceFile

    complaint = factory.SubFactory(ComplaintFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 evidence", name="evidence.pdf"))
    original_name = "evidence.pdf"


class CaseFactory(ModelFactory[Case]):
    """A case with one listing. Routed fields (mode, office, deadline) are the caller's to set with status."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    complaint = factory.SubFactory(ComplaintFactory, status=ComplaintStatus.SUBMITTED)
    complainant_org = factory.SelfAttribute("complaint.filed_by_org")
    platform = factory.SelfAttribute("complaint.platform")
    store = factory.SubFactory(StoreFactory, platform=factory.SelfAttribute("..platform"))
    status = CaseStatus.NEW
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3))

    @factory.post_generation
    def listings(case: Case, create: bool, extracted: int | None, **kwargs: object) -> None:
        if create:
            for _ in range(1 if extracted is None else extracted):
                ListingFactory(
                    complaint=case.complaint, store=case.store, store_ref=case.store.external_id, case=case
                )
            # As the split does: the case stores how many listings it holds.
            case.listing_count = case.listings.count()
            Case.objects.filter(pk=case.pk).update(listing_count=case.listing_count)


class LawEnforcementAuthorityFactory(ModelFactory[LawEnforcementAuthority]):
    """A market-regulation authority serving one new region unless `regions` are given."""

    class Meta:
        model = LawEnforcementAuthority
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, kind=OrgKind.LAW_ENFORCEMENT)
    authority_kind = AuthorityKind.MARKET_REGULATION

    @factory.post_generation
    def regions(
        authority: LawEnforcementAuthority, create: bool, extracted: list[Region] | None, **kwargs: object
    ) -> None:
        if create:
            authority.regions.set(extracted if extracted is not None else [RegionFactory()])
