"""From a file on disk to streams of product or sale drafts: sheet, header, layout, mapping.

``inspect`` looks at the top of the file only (fast, for the preview); ``stream`` then walks the
whole file in chunks with bounded memory, so a million-row import never holds the file at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sellerdesk.importers.assembly import (
    Assembler,
    EbayAssembler,
    RowPerProduct,
    ShopifyAssembler,
    WooAssembler,
    adjust_amazon,
    adjust_etsy,
    sale_from_row,
)
from sellerdesk.importers.drafts import ProductDraft, SaleDraft, problem, validate
from sellerdesk.importers.header import find_header, is_blank, is_data_row, is_footer
from sellerdesk.importers.header_text import normalize_header
from sellerdesk.importers.layouts import GENERIC, LAYOUT_BY_KEY, SALES, Layout, detect_layout
from sellerdesk.importers.mapping import guess_mapping
from sellerdesk.importers.model import ColumnGuess, ImportFileError, Severity
from sellerdesk.importers.problem_log import ProblemLog
from sellerdesk.importers.rows import ColumnPlan, build_plans, clean_row
from sellerdesk.importers.sources import open_table
from sellerdesk.importers.table_source import TableInfo, TableSource
from sellerdesk.importers.targets import TARGETS

#: Rows read from the top of each sheet to find the header and guess the mapping.
TOP_ROWS = 40
#: Data rows whose values inform the mapping and the number format of each column.
SAMPLE_ROWS = 200

CONFLICT_POLICIES = ("update", "skip", "fill-empty")
DUPLICATE_POLICIES = ("first", "last")


@dataclass(frozen=True)
class ImportOptions:
    """What the seller chose (or the CLI was told); ``None`` means "detect it"."""

    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int | None = None  # 1-based, as the spreadsheet shows it
    layout: str | None = None
    mapping: Mapping[int, str | None] | None = None  # column index -> target (None = ignore)
    on_conflict: str = "update"
    duplicates: str = "first"
    override_manual: bool = False
    default_currency: str = "USD"
    profile: str | None = None

    def __post_init__(self) -> None:
        if self.on_conflict not in CONFLICT_POLICIES:
            raise ImportFileError(
                f"unknown conflict policy {self.on_conflict!r}",
                f"Use one of: {', '.join(CONFLICT_POLICIES)}.",
            )
        if self.duplicates not in DUPLICATE_POLICIES:
            raise ImportFileError(
                f"unknown duplicate policy {self.duplicates!r}", "Use 'first' or 'last'."
            )
        for target in (self.mapping or {}).values():
            if target is not None and target not in TARGETS:
                raise ImportFileError(
                    f"unknown column target {target!r}", f"Known targets: {', '.join(TARGETS)}."
                )

    def reads_like(self, other: ImportOptions) -> bool:
        """True when ``other`` differs at most in what happens on import (conflicts,
        duplicates, manual edits, default currency), so the file needs no new inspection."""
        return self == replace(
            other,
            on_conflict=self.on_conflict,
            duplicates=self.duplicates,
            override_manual=self.override_manual,
            default_currency=self.default_currency,
        )


@dataclass
class Inspection:
    """What the top of the file says: where the data is and where each column goes."""

    path: Path
    info: TableInfo
    layout: Layout
    header_index: int
    header_confidence: float
    headers: list[str]
    mapping: list[ColumnGuess]
    samples: list[list[str]]
    sample_rows: list[tuple[int, list[str]]]
    signature: str
    options: ImportOptions
    profile: str | None = None

    @property
    def header_row(self) -> int:
        return self.header_index + 1

    @property
    def kind(self) -> str:
        return self.layout.kind

    def targets(self) -> list[str | None]:
        return [guess.target for guess in self.mapping]


ProfileLookup = Callable[[str, str | None], tuple[str, dict[str, Any]] | None]


def header_signature(headers: Sequence[str]) -> str:
    joined = "\x1f".join(normalize_header(h) for h in headers if h.strip())
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _top(source: TableSource, count: int) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in source.rows():
        rows.append(row)
        if len(rows) >= count:
            break
    return rows


def _locate(rows: list[list[str]], options: ImportOptions) -> tuple[Layout, int, float]:
    if options.header_row is not None:
        index = options.header_row - 1
        if index < 0 or index >= len(rows):
            raise ImportFileError(
                f"row {options.header_row} is not among the first {len(rows)} rows of the file",
                "Pick a header row near the top of the file.",
            )
        layout = LAYOUT_BY_KEY.get(options.layout or "", None)
        if layout is None:
            match = detect_layout([rows[index]])
            layout = match.layout if match else GENERIC
        return layout, index, 1.0
    if options.layout and options.layout != GENERIC.key:
        forced = LAYOUT_BY_KEY.get(options.layout)
        if forced is None:
            raise ImportFileError(f"unknown layout {options.layout!r}")
        for index, row in enumerate(rows):
            if forced.recognises(row):
                return forced, index, 1.0
    match = detect_layout(rows)
    if match is not None and options.layout in (None, match.layout.key):
        return match.layout, match.header_index, 1.0
    guess = find_header(rows)
    first = next(i for i, row in enumerate(rows) if not is_blank(row))
    if guess.index == first and is_data_row(rows[first], rows[first + 1 : first + 8]):
        return GENERIC, first - 1, guess.confidence
    return GENERIC, guess.index, guess.confidence


def _sheet_score(rows: list[list[str]]) -> float:
    if not rows or all(is_blank(r) for r in rows):
        return 0.0
    if detect_layout(rows) is not None:
        return 2.0
    guess = find_header(rows)
    data_rows = sum(1 for r in rows[guess.index + 1 :] if not is_blank(r))
    return guess.confidence * min(1.0, data_rows / 5)


def _best_sheet(path: Path, info: TableInfo, opened: list[list[str]]) -> str | None:
    """The sheet that looks most like a product list (the first on a tie); ``opened`` holds
    the top rows of ``info.sheet``, which is not read again."""
    sheets = info.sheets
    scores: dict[str, float] = {}
    for name in sheets:
        if name == info.sheet:
            scores[name] = _sheet_score(opened[:TOP_ROWS])
            continue
        with open_table(path, sheet=name) as source:
            scores[name] = _sheet_score(_top(source, TOP_ROWS))
    return max(sheets, key=lambda name: (scores[name], -sheets.index(name)))


def _read_top(
    path: Path, sheet: str | None, options: ImportOptions
) -> tuple[TableInfo, list[list[str]]]:
    with open_table(
        path, sheet=sheet, encoding=options.encoding, delimiter=options.delimiter
    ) as source:
        return source.info, _top(source, TOP_ROWS + SAMPLE_ROWS)


def inspect(
    path: Path, options: ImportOptions = ImportOptions(), profiles: ProfileLookup | None = None
) -> Inspection:
    """Detect format, sheet, header row, layout and mapping from the top of the file."""
    path = Path(path)
    info, top = _read_top(path, options.sheet, options)
    if options.sheet is None and len(info.sheets) > 1:
        best = _best_sheet(path, info, top)
        if best != info.sheet:
            info, top = _read_top(path, best, options)
    if not top or all(is_blank(row) for row in top):
        raise ImportFileError(
            f"{path.name} has no rows with data",
            "Check that you picked the right file (or sheet) and that it isn't empty.",
        )
    layout, header_index, confidence = _locate(top, options)
    if header_index >= 0:
        headers = [cell.strip() for cell in top[header_index]]
    else:
        width = max(len(row) for row in top)
        headers = [f"Column {n + 1}" for n in range(width)]
    sample_rows = [
        (header_index + 2 + offset, row)
        for offset, row in enumerate(top[header_index + 1 :])
        if not is_blank(row) and not is_footer(row)
    ]
    samples = [row for _, row in sample_rows]
    signature = header_signature(headers)
    mapping = _mapping(layout, headers, samples)
    if header_index < 0:
        mapping = _title_from_values(mapping, samples)
    profile_name: str | None = None
    if profiles is not None and options.mapping is None:
        found = profiles(signature, options.profile)
        if found is not None:
            profile_name, settings = found
            mapping = _apply_profile(mapping, headers, settings)
    elif options.profile:
        raise ImportFileError(f"no import profile named {options.profile!r}")
    if options.mapping:
        mapping = _override(mapping, headers, options.mapping)
    return Inspection(
        path=path,
        info=info,
        layout=layout,
        header_index=header_index,
        header_confidence=confidence,
        headers=headers,
        mapping=mapping,
        samples=samples,
        sample_rows=sample_rows,
        signature=signature,
        options=options,
        profile=profile_name,
    )


def _mapping(layout: Layout, headers: list[str], samples: list[list[str]]) -> list[ColumnGuess]:
    if layout is GENERIC:
        return guess_mapping(headers, samples)
    guesses: list[ColumnGuess] = []
    for index, header in enumerate(headers):
        target = layout.target_for(header)
        reason = f"{layout.label} column" if target else f"not used by the {layout.label} import"
        guesses.append(ColumnGuess(index, header, target, 1.0 if target else 0.0, reason))
    return guesses


def _title_from_values(mapping: list[ColumnGuess], samples: list[list[str]]) -> list[ColumnGuess]:
    """Without a header, the first free column of several-word texts is the title."""
    if any(guess.target == "title" for guess in mapping):
        return mapping
    for guess in mapping:
        if guess.target is not None:
            continue
        values = [row[guess.column] for row in samples if guess.column < len(row)]
        wordy = [v for v in values if len(v.split()) >= 2 and any(ch.isalpha() for ch in v)]
        if values and len(wordy) >= 0.8 * len(values):
            result = list(mapping)
            result[guess.column] = ColumnGuess(
                guess.column, guess.header, "title", 0.4, "values are short texts of several words"
            )
            return result
    return mapping


def _apply_profile(
    mapping: list[ColumnGuess], headers: list[str], settings: Mapping[str, Any]
) -> list[ColumnGuess]:
    saved = settings.get("mapping") or {}
    by_index = {int(k): v for k, v in saved.items()}
    return _override(mapping, headers, by_index, reason="saved in the import profile")


def _override(
    mapping: list[ColumnGuess],
    headers: list[str],
    chosen: Mapping[int, str | None],
    reason: str = "chosen by you",
) -> list[ColumnGuess]:
    result = list(mapping)
    for index, target in chosen.items():
        if 0 <= index < len(result):
            result[index] = ColumnGuess(index, headers[index], target, 1.0, reason)
    return result


# ------------------------------------------------------------------------------------ stream
#: Problems that mean a row was not imported at all.
ROW_DROPPING = frozenset({"sku.missing", "sku.refused", "sale.no_id", "shopify.no_handle"})


@dataclass
class StreamState:
    """Running totals of a walk through the file."""

    log: ProblemLog = field(default_factory=ProblemLog)
    rows_read: int = 0
    blank_rows: int = 0
    footer_rows: int = 0
    duplicate_rows: int = 0
    first_row_of: dict[str, int] = field(default_factory=dict)
    progress: float = 0.0
    #: the walk stopped at ``limit_rows`` before the end of the file
    truncated: bool = False

    @property
    def skipped_rows(self) -> int:
        return sum(self.log.by_code[code] for code in ROW_DROPPING)


@dataclass(slots=True)
class Chunk:
    products: list[ProductDraft] = field(default_factory=list)
    #: products repeating an earlier SKU of the same file, when the last row should win
    repeats: list[ProductDraft] = field(default_factory=list)
    sales: list[SaleDraft] = field(default_factory=list)


def _assembler(
    inspection: Inspection, plans: list[ColumnPlan], log: ProblemLog
) -> Assembler | None:
    layout = inspection.layout
    currency = inspection.options.default_currency
    has_price = any(plan.target == "price" for plan in plans)
    if layout.kind == SALES:
        return None
    if layout.key == "shopify":
        return ShopifyAssembler(log, currency)
    if layout.key == "woocommerce":
        return WooAssembler(log, currency)
    if layout.key == "ebay":
        return EbayAssembler(log, currency)
    adjust = {"amazon": adjust_amazon, "etsy": adjust_etsy}.get(layout.key)
    return RowPerProduct(log, currency, has_price, adjust)


def stream(
    inspection: Inspection,
    state: StreamState,
    chunk_rows: int = 5_000,
    limit_rows: int | None = None,
) -> Iterator[Chunk]:
    """Cleaned, validated drafts in chunks of about ``chunk_rows`` file rows."""
    options = inspection.options
    plans = build_plans(inspection.headers, inspection.targets(), inspection.samples)
    _check_mapping(inspection, plans)
    log = state.log
    assembler = _assembler(inspection, plans, log)
    keep_last = options.duplicates == "last"
    first_row_of = state.first_row_of
    header_index = inspection.header_index
    chunk = Chunk()
    pending = 0

    def take(drafts: list[ProductDraft]) -> None:
        for draft in drafts:
            try:
                validate(draft, log)
            except Exception as error:  # an unusable SKU: the row cannot be imported
                log.add(
                    problem(
                        draft.row, "sku", "sku.refused", f"{error}; row skipped.", Severity.ERROR
                    )
                )
                continue
            sku = draft.sku
            first = first_row_of.get(sku)
            if first is None:
                first_row_of[sku] = draft.row
                chunk.products.append(draft)
                continue
            state.duplicate_rows += 1
            wins = "this row wins" if keep_last else f"row {first} wins"
            log.add(
                problem(
                    draft.row,
                    "sku",
                    "sku.duplicate",
                    f"SKU {sku!r} already appears on row {first} of this file; {wins}.",
                    Severity.WARNING,
                    sku,
                )
            )
            if keep_last:
                chunk.repeats.append(draft)

    with open_table(
        inspection.path,
        sheet=inspection.info.sheet,
        encoding=inspection.info.encoding,
        delimiter=inspection.info.delimiter,
    ) as source:
        for index, cells in enumerate(source.rows()):
            if index <= header_index:
                continue
            row_number = index + 1
            if not any(cells) or is_blank(cells):
                state.blank_rows += 1
                continue
            if is_footer(cells):
                state.footer_rows += 1
                log.add(
                    problem(
                        row_number,
                        None,
                        "row.footer",
                        "A totals or report footer line; it was not imported.",
                        Severity.FIXED,
                    )
                )
                continue
            state.rows_read += 1
            rv = clean_row(row_number, cells, plans)
            log.extend(rv.problems)
            if assembler is None:
                sale = sale_from_row(rv, log, options.default_currency)
                if sale is not None:
                    chunk.sales.append(sale)
            else:
                take(assembler.feed(rv))
            pending += 1
            if pending >= chunk_rows:
                state.progress = source.progress()
                yield chunk
                chunk = Chunk()
                pending = 0
            if limit_rows is not None and state.rows_read >= limit_rows:
                state.progress = source.progress()
                state.truncated = True
                break
        if assembler is not None:
            take(assembler.finish())
        if not state.truncated:
            state.progress = 1.0
    yield chunk


def _check_mapping(inspection: Inspection, plans: list[ColumnPlan]) -> None:
    targets = {plan.target for plan in plans}
    if inspection.kind == SALES:
        return
    if "sku" not in targets and inspection.layout.key not in ("etsy", "woocommerce", "shopify"):
        raise ImportFileError(
            "no column of the file is mapped to the SKU",
            "Choose which column holds the SKU (item number) and import again.",
        )
