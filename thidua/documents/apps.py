from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    verbose_name = "Văn bản"

    def ready(self) -> None:
        from thidua.documents.builders import load_builders

        load_builders()
