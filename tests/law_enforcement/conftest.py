import pytest

from accounts.models import OrgKind
from cases.models import CaseStatus, HandlingMode
from tests.api.conftest import token_client
from tests.factories import (
    CaseFactory,
    EvidenceFileFactory,
    LawEnforcementAuthorityFactory,
    OrganisationFactory,
    StoreFactory,
    UserFactory,
)


@pytest.fixture
def store(platform):
    return StoreFactory(platform=platform, region=platform.region)


@pytest.fixture
def two_cases(store):
    """Two decided cases against one store of the platform, of two complaints, each with evidence."""
    cases = [
        CaseFactory(
            complaint__platform=store.platform,
            store=store,
            status=CaseStatus.NOTICE_FORWARDED,
            mode=HandlingMode.PLATFORM,
            listings=2,
        )
        for _ in range(2)
    ]
    for case in cases:
        EvidenceFileFactory(complaint=case.complaint)
    return cases


@pytest.fixture
def authority(platform):
    """A market-regulation authority serving the platform's (and its stores') region."""
    return LawEnforcementAuthorityFactory(regions=[platform.region])


@pytest.fixture
def authority_user(authority):
    return UserFactory(organisation=authority.organisation)


@pytest.fixture
def other_authority_user():
    return UserFactory(organisation=LawEnforcementAuthorityFactory().organisation)


@pytest.fixture
def supervisor_org():
    return OrganisationFactory(kind=OrgKind.SUPERVISOR)


@pytest.fixture
def platform_client(platform_user):
    return token_client(platform_user)
