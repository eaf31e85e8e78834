"""The fixed wording of official documents, in each language a document is issued in.

A document is a record: its words must not change when a translator edits the site's catalogue, and a
Chinese document must read in Chinese on the day it is issued. So the wording lives here, beside the
templates that print it, rather than in the gettext catalogue that the site's pages use.
"""

from datetime import date

from documents.models import DocumentKind, DocumentLanguage

Wording = dict[str, str]

_ENGLISH: Wording = {
    DocumentKind.NOTICE: "Notice to the respondent",
    DocumentKind.STATEMENT_OF_REASONS: "Statement of reasons",
    DocumentKind.OPINION: "Determination opinion",
    DocumentKind.CONSENT_RECORD: "Record of consent to administrative handling",
    DocumentKind.MEDIATION_AGREEMENT: "Mediation agreement",
    DocumentKind.ADMINISTRATIVE_DECISION: "Administrative decision",
    "case_summary": "Case summary",
    "number": "Document number",
    "date": "Date",
    "issuer": "Issued by",
    "case": "Case",
    "complainant": "Complainant",
    "filed_by": "Filed by",
    "respondent": "Respondent",
    "platform": "Platform",
    "office": "Office",
    "right": "Right relied on",
    "infringement": "Infringement alleged",
    "listings": "Listings",
    "listing": "Listing",
    "measure": "Decision",
    "text_of_record": "Text of record, as written",
    "description": "The complaint",
    "evidence": "Evidence relied on (SHA-256)",
    "no_evidence": "No evidence files.",
    "verify": "Verification",
    "verify_text": "Scan the code, or open the address below, to check that this document was issued and "
    "that its file is unchanged. Verification code:",
    "outcome": "Conclusion",
    "reasoning": "Reasoning",
    "technical_comparison": "Technical comparison",
    "measures_ordered": "Measures ordered",
    "infringement_established": "Infringement established",
    "infringement_not_established": "Infringement not established",
    "reason": "Reason",
    "measure_scope": "Measure, its scope and duration",
    "facts": "Facts and reasons relied on",
    "notice_cited": "Notice relied on",
    "office_record_cited": "Office record cited",
    "legal_ground": "Legal or terms-of-service ground",
    "automated_means": "Automated means used",
    "yes": "Yes",
    "no": "No",
    "not_recorded": "Not recorded",
    "redress": "Redress open to the respondent",
    "notice_intro": "The complainant notified the platform that the listings below infringe the right "
    "relied on. The platform took the measures shown and forwards this notice to the respondent, who may "
    "file a counter-notice through the link it received.",
    "party": "Party",
    "answer": "Answer",
    "answered_at": "Answered at",
    "name_given": "Name given",
    "note": "Reason or note",
    "session": "Session",
    "place": "Place",
    "agreement": "Terms agreed",
    "recorded_at": "Recorded at",
    "status": "Status",
    "mode": "Handling mode",
    "deadline": "Deadline",
    "documents": "Official documents",
    "files_hashes": "Every file of this case file is listed with its SHA-256 in manifest.json.",
    # Choices of the records, as the document states them.
    "infringing": "Infringing",
    "not_infringing": "Not infringing",
    "cannot_determine": "Cannot determine",
    "take_down": "Measures taken (take-down)",
    "reject": "Notice rejected for this listing",
    "pending": "Awaiting an answer",
    "given": "Consent given",
    "refused": "Consent refused",
    "expired": "No answer in time",
    "complainant_party": "Complainant",
    "respondent_party": "Respondent",
}

_CHINESE: Wording = {
    DocumentKind.NOTICE: "投诉通知书",
    DocumentKind.STATEMENT_OF_REASONS: "处理理由说明书",
    DocumentKind.OPINION: "侵权判定意见书",
    DocumentKind.CONSENT_RECORD: "行政处理同意记录",
    DocumentKind.MEDIATION_AGREEMENT: "调解协议书",
    DocumentKind.ADMINISTRATIVE_DECISION: "行政裁决书",
    "case_summary": "案件摘要",
    "number": "文书编号",
    "date": "日期",
    "issuer": "签发单位",
    "case": "案件编号",
    "complainant": "投诉人",
    "filed_by": "提交单位",
    "respondent": "被投诉人",
    "platform": "平台",
    "office": "知识产权管理部门",
    "right": "所依据的权利",
    "infringement": "投诉的侵权类型",
    "listings": "涉案商品链接",
    "listing": "商品链接",
    "measure": "处理决定",
    "text_of_record": "存档原文",
    "description": "投诉内容",
    "evidence": "所依据的证据（SHA-256）",
    "no_evidence": "无证据文件。",
    "verify": "核验",
    "verify_text": "扫描二维码或访问下列网址，可核验本文书确已签发且文件未被改动。核验码：",
    "outcome": "结论",
    "reasoning": "理由",
    "technical_comparison": "技术比对",
    "measures_ordered": "责令采取的措施",
    "infringement_established": "侵权成立",
    "infringement_not_established": "侵权不成立",
    "reason": "理由代码",
    "measure_scope": "措施及其范围和期限",
    "facts": "所依据的事实和理由",
    "notice_cited": "所依据的通知",
    "office_record_cited": "所引用的管理部门文书",
    "legal_ground": "法律或平台规则依据",
    "automated_means": "是否使用自动化手段",
    "yes": "是",
    "no": "否",
    "not_recorded": "未记录",
    "redress": "被投诉人可采取的救济途径",
    "notice_intro": "投诉人通知平台，下列商品链接侵犯其所依据的权利。平台已采取下列措施，并将本通知转送被投诉人；"
    "被投诉人可通过其收到的链接提交不存在侵权行为的声明。",
    "party": "当事人",
    "answer": "答复",
    "answered_at": "答复时间",
    "name_given": "填写的姓名",
    "note": "理由或说明",
    "session": "调解时间",
    "place": "地点",
    "agreement": "协议内容",
    "recorded_at": "记录时间",
    "status": "状态",
    "mode": "处理方式",
    "deadline": "期限",
    "documents": "正式文书",
    "files_hashes": "本案卷中每个文件的 SHA-256 均列于 manifest.json。",
    "infringing": "构成侵权",
    "not_infringing": "不构成侵权",
    "cannot_determine": "无法判定",
    "take_down": "已采取必要措施（下架）",
    "reject": "对该商品链接的投诉不予采纳",
    "pending": "等待答复",
    "given": "同意",
    "refused": "不同意",
    "expired": "逾期未答复",
    "complainant_party": "投诉人",
    "respondent_party": "被投诉人",
}

WORDING: dict[str, Wording] = {DocumentLanguage.ENGLISH: _ENGLISH, DocumentLanguage.CHINESE: _CHINESE}

_ENGLISH_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def date_in(language: str, day: date) -> str:
    """A date as each language writes it in an official document: 1 December 2026, 2026年12月1日."""
    if language == DocumentLanguage.CHINESE:
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_ENGLISH_MONTHS[day.month - 1]} {day.year}"
