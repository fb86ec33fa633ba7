"""Every asset of the pipeline, in the order the graph reads: the drop folder's files (external),
the load assets (one per extract,
from the specs), the audit assets, the marts, the published tables, the exception report and the
read-only copies."""

from pipelines.assets.audit import data_quality_findings, retention, unrecognised_files
from pipelines.assets.copies import COPY_ASSETS
from pipelines.assets.core import LOAD_ASSETS
from pipelines.assets.exceptions import EXCEPTION_ASSETS
from pipelines.assets.external import EXTERNAL_ASSETS
from pipelines.assets.marts import indicator_marts, published_tables

ALL_ASSETS = [*EXTERNAL_ASSETS, *LOAD_ASSETS, unrecognised_files, retention, data_quality_findings, indicator_marts,
              published_tables, *EXCEPTION_ASSETS, *COPY_ASSETS]
