"""A document's file records its SHA-256, size and content type as every stored file does: the existing
hash and size columns are renamed (their values kept) and the content type is filled in from the name."""

from django.db import migrations, models

from iprgov.file_integrity import content_type_of


def record_content_types(apps, schema_editor):
    DocumentFile = apps.get_model("documents", "DocumentFile")
    for stored in DocumentFile.objects.filter(file_content_type="").only("pk", "file").iterator():
        DocumentFile.objects.filter(pk=stored.pk).update(file_content_type=content_type_of(stored.file.name or ""))


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_official_documents'),
    ]

    operations = [
        migrations.RenameField(model_name='documentfile', old_name='sha256', new_name='file_sha256'),
        migrations.RenameField(model_name='documentfile', old_name='size', new_name='file_size'),
        migrations.AlterField(
            model_name='documentfile',
            name='file_sha256',
            field=models.CharField(blank=True, db_default='', default='', editable=False, max_length=64, verbose_name='SHA-256'),
        ),
        migrations.AlterField(
            model_name='documentfile',
            name='file_size',
            field=models.PositiveBigIntegerField(blank=True, editable=False, null=True, verbose_name='size in bytes'),
        ),
        migrations.AddField(
            model_name='documentfile',
            name='file_content_type',
            field=models.CharField(blank=True, db_default='', default='', editable=False, max_length=100, verbose_name='content type'),
        ),
        migrations.RunPython(record_content_types, migrations.RunPython.noop),
    ]
