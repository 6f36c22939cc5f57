"""Check-worthiness models: the scorer interface and its registry, the sparse and encoder models,
model cards, metrics and training — each in its own module.

- :mod:`.registry` — the ``Scorer`` interface and the registry of loaders keyed by a card's ``format``;
- :mod:`.card` — the model card (``card.json`` and its Markdown rendering);
- :mod:`.sparse` — the fast model: TF-IDF logistic regression scored with numpy;
- :mod:`.encoder` — the accurate model (the default): a MiniLM run by ONNX Runtime behind a sparse first stage;
- :mod:`.loading` — the shipped models and ``load_model`` (a name or a directory);
- :mod:`.metrics` — precision, recall, F1, thresholds, calibration (scikit-learn);
- :mod:`.training` / :mod:`.encoder_training` / :mod:`.distillation` — ``newslens train claims``
  (the ``train`` extra): the sparse model, the six-layer teacher, and the cascade distilled from it.
"""
