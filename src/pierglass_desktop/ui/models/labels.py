"""Translated names for stored values, and dates the way the current language writes them."""

from __future__ import annotations

from pierglass_desktop.domain.enums import (
    CompanySize,
    ConsentScope,
    EducationBand,
    Gender,
    GroupMode,
    GroupStatus,
    LabourStatus,
    TutorRole,
)
from pierglass_desktop.i18n import N_, _

_LABELS: dict[object, str] = {
    GroupMode.FACE_TO_FACE: N_("Face to face"),
    GroupMode.ONLINE: N_("Online"),
    GroupMode.HYBRID: N_("Hybrid"),
    GroupStatus.PLANNED: N_("Planned"),
    GroupStatus.ACTIVE: N_("Active"),
    GroupStatus.FINISHED: N_("Finished"),
    TutorRole.LEAD: N_("Lead tutor"),
    TutorRole.CO_TUTOR: N_("Co-tutor"),
    CompanySize.SOLE: N_("Sole entrepreneur"),
    CompanySize.MICRO: N_("Micro (1–9 employees)"),
    CompanySize.SMALL: N_("Small (10–49 employees)"),
    CompanySize.MEDIUM: N_("Medium (50–249 employees)"),
    ConsentScope.REPORTING: N_("Reporting to the funder"),
    ConsentScope.SHARING: N_("Reporting and sharing with the project"),
    Gender.FEMALE: N_("Woman"),
    Gender.MALE: N_("Man"),
    Gender.NON_BINARY: N_("Non-binary"),
    Gender.NOT_TOLD: N_("Prefers not to say"),
    LabourStatus.EMPLOYED: N_("Employed, including self-employed"),
    LabourStatus.UNEMPLOYED: N_("Unemployed"),
    LabourStatus.LONG_TERM_UNEMPLOYED: N_("Long-term unemployed"),
    LabourStatus.INACTIVE: N_("Outside the labour force"),
    EducationBand.ISCED_0_2: N_("Primary or lower secondary (ISCED 0–2)"),
    EducationBand.ISCED_3_4: N_("Upper secondary or post-secondary (ISCED 3–4)"),
    EducationBand.ISCED_5_8: N_("Tertiary (ISCED 5–8)"),
}


def label(value: object) -> str:
    """The translated name of an enum value ('' for None)."""
    if value is None:
        return ""
    return _(_LABELS[value])
