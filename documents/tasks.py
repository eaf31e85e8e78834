from celery import shared_task

from documents.services import documents_issue_available


@shared_task(acks_late=True)
def issue_case_documents(case_id: int) -> None:
    """Issue the case's documents whose records are final; a document already issued is left as it is."""
    documents_issue_available(case_id=case_id)
