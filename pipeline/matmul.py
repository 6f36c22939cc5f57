"""Matrix products for spaCy's models by numpy's BLAS, one thread at a time, instead of blis.

The products of the embedding and encoding layers are most of the NER's and the parser's cost, and
thinc's default (blis) ran them ≈ 3× slower than numpy's OpenBLAS on this machine (AMD EPYC; a
3,000×288 by 288×288 product: 18.6 against 6.3 ms of CPU), ≈ 15 % of the pipeline's CPU time on
BBC news, with the same records. One thread: OpenBLAS's default, a thread per core, took 1.3× the
CPU for the same product on a 2-core machine, and a batch run's parallelism is worker processes.
The parser's per-state products are compiled against blis and stay with it.

Imported where a pipeline is built (:func:`pipeline.nlp.load_nlp`): a batch run's parent loads no thinc.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

if TYPE_CHECKING:
    from spacy.language import Language

# numpy's BLAS libraries, found once: each product limits them to one thread while it runs.
_BLAS = ThreadpoolController().select(user_api="blas")


class NumpyMatmulOps(NumpyOps):
    """thinc's CPU ops with ``gemm`` by numpy (``numpy.dot``) on one BLAS thread."""

    def __init__(self) -> None:
        super().__init__(use_blis=False)

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        with _BLAS.limit(limits=1):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def use_numpy_matmul(nlp: Language) -> None:
    """Give the thinc layers of all of ``nlp``'s components (the disabled syntax ones too: the quote
    stage runs them) :class:`NumpyMatmulOps`."""
    ops = NumpyMatmulOps()
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if hasattr(model, "walk"):
            for layer in model.walk():
                layer.ops = ops
