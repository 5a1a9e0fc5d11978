"""Column mapping guesses: header synonyms in several languages, typos, values, whole files."""

from __future__ import annotations

import time

import pytest

from sellerdesk.core.gtin import with_check_digit
from sellerdesk.importers import synonyms
from sellerdesk.importers.header_candidates import header_match
from sellerdesk.importers.header_text import normalize_header
from sellerdesk.importers.mapping import guess_mapping, header_likeness
from sellerdesk.importers.model import ColumnGuess
from sellerdesk.importers.targets import TARGETS


def _targets(guesses: list[ColumnGuess]) -> list[str | None]:
    return [guess.target for guess in guesses]


def _gtins(count: int, start: int = 400638133390) -> list[str]:
    return [with_check_digit(str(start + n)) for n in range(count)]


# --- normalization ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("Preis (EUR)", "preis"),
        ("Wt (lb)", "wt"),
        ("Wholesale $", "wholesale"),
        ("Gewicht (kg)", "gewicht"),
        ("Item #", "item"),
        ("Art.-Nr.", "art nr"),
        ("Référence", "reference"),
        ("Código de barras", "codigo de barras"),
        ("Größe", "grosse"),
        ("Höhe [cm]", "hohe"),
        ("  Qty   Avail. ", "qty avail"),
        ("item_weight_g", "item weight"),
        ("price_usd", "price"),
        ("Body (HTML)", "body html"),
        ("ProductName", "product name"),
        ("PicURL", "pic url"),
        ("SKU (required)", "sku"),
        ("Preço (R$)", "preco"),
        ("Prix d'achat", "prix d achat"),
        ("*Action(SiteID=US|Country=US|Currency=USD)", "action"),
        ("EUR", "eur"),
        ("", ""),
    ],
)
def test_normalize_header(raw: str, normalized: str) -> None:
    assert normalize_header(raw) == normalized


# --- one header on its own -------------------------------------------------------------------

EXACT_HEADERS = [
    # English: supplier lists, marketplaces, ERPs
    ("SKU", "sku"),
    ("Item #", "sku"),
    ("Item No.", "sku"),
    ("Item Number", "sku"),
    ("Seller SKU", "sku"),
    ("item_sku", "sku"),
    ("Variant SKU", "sku"),
    ("Product Code", "sku"),
    ("Title", "title"),
    ("Product Name", "title"),
    ("Item Name", "title"),
    ("item_name", "title"),
    ("EAN", "gtin"),
    ("UPC", "gtin"),
    ("Barcode", "gtin"),
    ("EAN13", "gtin"),
    ("ISBN", "gtin"),
    ("Variant Barcode", "gtin"),
    ("Price", "price"),
    ("Retail Price", "price"),
    ("Selling Price", "price"),
    ("standard_price", "price"),
    ("Regular price", "price"),
    ("Variant Price", "price"),
    ("MSRP", "msrp"),
    ("RRP", "msrp"),
    ("List Price", "msrp"),
    ("Compare At Price", "msrp"),
    ("Sale Price", "sale_price"),
    ("Special Price", "sale_price"),
    ("Cost", "cost"),
    ("Wholesale $", "cost"),
    ("Dealer Price", "cost"),
    ("Net Price", "cost"),
    ("Cost per item", "cost"),
    ("Unit Cost", "cost"),
    ("Qty", "stock"),
    ("Quantity", "stock"),
    ("Qty Avail.", "stock"),
    ("On Hand", "stock"),
    ("Inventory", "stock"),
    ("Variant Inventory Qty", "stock"),
    ("Brand", "brand"),
    ("Manufacturer", "brand"),
    ("Vendor", "brand"),
    ("brand_name", "brand"),
    ("Weight", "weight_g"),
    ("Wt (lb)", "weight_g"),
    ("Variant Grams", "weight_g"),
    ("Shipping Weight", "weight_g"),
    ("Length", "length_cm"),
    ("Width", "width_cm"),
    ("Height", "height_cm"),
    ("Category", "category_path"),
    ("Categories", "category_path"),
    ("Google Product Category", "category_path"),
    ("Category ID", "category_id"),
    ("Description", "description"),
    ("Long Description", "description"),
    ("Body (HTML)", "description"),
    ("product_description", "description"),
    ("Bullet Point", "bullets"),
    ("bullet_point1", "bullets"),
    ("bullet_point5", "bullets"),
    ("Key Features", "bullets"),
    ("Tags", "keywords"),
    ("Search Terms", "keywords"),
    ("generic_keywords", "keywords"),
    ("Image", "images"),
    ("Image URL", "images"),
    ("Image Src", "images"),
    ("main_image_url", "images"),
    ("other_image_url3", "images"),
    ("PicURL", "images"),
    ("Variant Image", "images"),
    ("MPN", "mpn"),
    ("Manufacturer Part Number", "mpn"),
    ("Part Number", "mpn"),
    ("Mfr #", "mpn"),
    ("Model Number", "mpn"),
    ("Condition", "condition"),
    ("condition_type", "condition"),
    ("Currency", "currency"),
    ("currency_code", "currency"),
    ("Status", "status"),
    ("Parent SKU", "parent_sku"),
    ("parent_sku", "parent_sku"),
    ("item_group_id", "parent_sku"),
    ("Color", "attribute"),
    ("Size", "attribute"),
    ("Attributes", "attributes"),
    # German
    ("Artikelnummer", "sku"),
    ("Art.-Nr.", "sku"),
    ("Artikel-Nr.", "sku"),
    ("Bezeichnung", "title"),
    ("Artikelbezeichnung", "title"),
    ("Produktname", "title"),
    ("EAN-Code", "gtin"),
    ("Strichcode", "gtin"),
    ("Preis (EUR)", "price"),
    ("VK", "price"),
    ("Verkaufspreis", "price"),
    ("VK brutto", "price"),
    ("UVP", "msrp"),
    ("Listenpreis", "msrp"),
    ("Angebotspreis", "sale_price"),
    ("Sonderpreis", "sale_price"),
    ("EK", "cost"),
    ("EK netto", "cost"),
    ("Einkaufspreis", "cost"),
    ("Bestand", "stock"),
    ("Lagerbestand", "stock"),
    ("Menge", "stock"),
    ("Hersteller", "brand"),
    ("Marke", "brand"),
    ("Gewicht (kg)", "weight_g"),
    ("Länge", "length_cm"),
    ("Breite", "width_cm"),
    ("Höhe", "height_cm"),
    ("Kategorie", "category_path"),
    ("Warengruppe", "category_path"),
    ("Beschreibung", "description"),
    ("Aufzählungspunkt", "bullets"),
    ("Merkmal", "bullets"),
    ("Schlagwörter", "keywords"),
    ("Bild-URL", "images"),
    ("Herstellernummer", "mpn"),
    ("Zustand", "condition"),
    ("Währung", "currency"),
    ("Übergeordnet", "parent_sku"),
    ("Farbe", "attribute"),
    # Spanish
    ("Referencia", "sku"),
    ("Código", "sku"),
    ("Nombre", "title"),
    ("Título", "title"),
    ("Código de barras", "gtin"),
    ("Precio", "price"),
    ("PVP", "msrp"),
    ("Precio de oferta", "sale_price"),
    ("Coste", "cost"),
    ("Existencias", "stock"),
    ("Cantidad", "stock"),
    ("Marca", "brand"),
    ("Fabricante", "brand"),
    ("Peso", "weight_g"),
    ("Largo", "length_cm"),
    ("Ancho", "width_cm"),
    ("Alto", "height_cm"),
    ("Categoría", "category_path"),
    ("Descripción", "description"),
    ("Etiquetas", "keywords"),
    ("Imagen", "images"),
    ("Estado", "condition"),
    ("Moneda", "currency"),
    ("Talla", "attribute"),
    # French
    ("Référence", "sku"),
    ("Code article", "sku"),
    ("Titre", "title"),
    ("Nom du produit", "title"),
    ("Désignation", "title"),
    ("Code-barres", "gtin"),
    ("Prix", "price"),
    ("Prix de vente", "price"),
    ("Prix conseillé", "msrp"),
    ("Prix promo", "sale_price"),
    ("Prix d'achat", "cost"),
    ("Quantité", "stock"),
    ("Marque", "brand"),
    ("Poids", "weight_g"),
    ("Longueur", "length_cm"),
    ("Largeur", "width_cm"),
    ("Hauteur", "height_cm"),
    ("Catégorie", "category_path"),
    ("Mots-clés", "keywords"),
    ("État", "condition"),
    ("Devise", "currency"),
    ("Couleur", "attribute"),
    # Portuguese
    ("Cód. artigo", "sku"),
    ("Nome do produto", "title"),
    ("Preço", "price"),
    ("Preço promocional", "sale_price"),
    ("Custo", "cost"),
    ("Estoque", "stock"),
    ("Quantidade", "stock"),
    ("Comprimento", "length_cm"),
    ("Largura", "width_cm"),
    ("Altura", "height_cm"),
    ("Descrição", "description"),
    ("Palavras-chave", "keywords"),
    ("Imagem", "images"),
    ("Condição", "condition"),
    ("Moeda", "currency"),
    # Italian and Dutch
    ("Codice articolo", "sku"),
    ("Prezzo", "price"),
    ("Quantità", "stock"),
    ("Prijs", "price"),
    ("Voorraad", "stock"),
    ("Omschrijving", "description"),
]


@pytest.mark.parametrize(("header", "target"), EXACT_HEADERS)
def test_exact_synonyms(header: str, target: str) -> None:
    found, score = header_match(header)
    assert found == target
    assert score >= 0.95


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Product ID", "gtin"),
        ("ID", "sku"),
        ("Model", "mpn"),
        ("Modelo", "mpn"),
        ("Product Type", "category_path"),
        ("Published", "status"),
        ("Short description", "description"),
    ],
)
def test_weak_synonyms_score_lower(header: str, target: str) -> None:
    found, score = header_match(header)
    assert found == target
    assert 0.6 <= score <= 0.75


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Artikelnumer", "sku"),
        ("Quantitiy", "stock"),
        ("Wieght", "weight_g"),
        ("Descripton", "description"),
        ("Manufaturer", "brand"),
        ("Lagerbestnd", "stock"),
        ("Categoria del prodcto", "category_path"),
    ],
)
def test_typos_match_with_lower_confidence(header: str, target: str) -> None:
    found, score = header_match(header)
    assert found == target
    assert 0.6 <= score <= 0.85


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Product Weight (lbs)", "weight_g"),
        ("Wholesale Price", "cost"),
        ("Preis (UVP)", "msrp"),
        ("Retail Price EUR", "price"),
        ("VK-Preis brutto", "price"),
        ("Prix HT", "price"),
        ("Prix TTC", "price"),
        ("C:Brand", "brand"),
        ("Product:UPC", "gtin"),
        ("Google Shopping / Google Product Category", "category_path"),
        ("Image URL 2", "images"),
        ("Nettoeinkaufspreis", "cost"),
        ("Versandgewicht", "weight_g"),
        ("Lieferantenartikelnummer", "sku"),
        ("Hauptbild", "images"),
        ("Unterkategorie", "category_path"),
    ],
)
def test_synonyms_inside_longer_headers(header: str, target: str) -> None:
    found, score = header_match(header)
    assert found == target
    assert score >= 0.6


@pytest.mark.parametrize(
    "header",
    [
        "Prise",  # too short to trust as a typo of "price" or "preis"
        "col1",
        "Unnamed: 3",
        "",
        "Foo",
        "Notes",
        "Image Alt Text",
        "Image Position",
        "Weight Unit",
        "item_weight_unit_of_measure",
        "Sale Price Start Date",
        "external_product_id_type",
        "parent_child",
        "Brand ID",
        "Min Order Qty",
        "Shipping Cost",
        "Versandkosten",
        "Tax Rate",
        "MwSt",
        "custom_label_0",
        "Option1 Name",
        "Attribute 1 value(s)",
        "Download 1 URL",
        "ACME Wholesale Supply Co. — Dealer Price List, Fall 2026",
    ],
)
def test_unrelated_or_ignored_headers_match_nothing(header: str) -> None:
    assert header_match(header) == (None, 0.0)


# --- whole files -----------------------------------------------------------------------------

SUPPLIER_HEADERS = [
    "Item #",
    "Description",
    "UPC",
    "Wholesale $",
    "MSRP",
    "Qty Avail.",
    "Wt (lb)",
    "Brand",
]
SUPPLIER_ROWS = [
    line.split("|")
    for line in (
        "AC-1001|Stainless Steel Water Bottle 750ml - Black|12345678905|$8.40|$19.99|120|0.9|Acme",
        "AC-1002|Stainless Steel Water Bottle 750ml - White|012345678912|$8.40|$19.99|85|0.9|Acme",
        "AC-2001|Bamboo Cutting Board, Large|036000291452|$11.25|$24.99|0|2.1|Acme Home",
        "AC-2002|Bamboo Cutting Board, Small|4006381333931|$7.10|$14.99|14|1.2|Acme Home",
    )
]


def test_supplier_price_list() -> None:
    guesses = guess_mapping(SUPPLIER_HEADERS, SUPPLIER_ROWS)
    assert [g.column for g in guesses] == list(range(8))
    assert [g.header for g in guesses] == SUPPLIER_HEADERS
    assert _targets(guesses) == [
        "sku",
        "title",
        "gtin",
        "cost",
        "msrp",
        "stock",
        "weight_g",
        "brand",
    ]
    by_target = {g.target: g for g in guesses}
    assert by_target["gtin"].confidence == 1.0
    assert "check digits" in by_target["gtin"].reason
    assert "synonym of GTIN" in by_target["gtin"].reason
    assert 0.7 <= by_target["title"].confidence <= 0.9
    assert "no title column" in by_target["title"].reason
    assert by_target["cost"].confidence == 1.0
    assert all(g.confidence >= 0.9 for g in guesses if g.target != "title")


def test_german_export() -> None:
    headers = ["Artikelnummer", "Bezeichnung", "EAN", "Preis (EUR)", "UVP", "Bestand"]
    headers += ["Gewicht (kg)", "Hersteller", "Kategorie"]
    eans = _gtins(3, 400638133300)
    lines = (
        "10001|Kaffeebecher Keramik 300 ml|{}|12,90|14,99|25|0,35|Tassenwerk|Haushalt > Küche",
        "10002|Teekanne Glas 1 l|{}|24,50|29,99|3|0,8|Tassenwerk|Haushalt > Küche",
        "10003|Eierbecher 4er Set|{}|7,90|9,99|40|0,2|Tassenwerk|Haushalt > Tisch",
    )
    rows = [line.format(ean).split("|") for line, ean in zip(lines, eans, strict=True)]
    guesses = guess_mapping(headers, rows)
    assert _targets(guesses) == [
        "sku",
        "title",
        "gtin",
        "price",
        "msrp",
        "stock",
        "weight_g",
        "brand",
        "category_path",
    ]
    assert all(g.confidence >= 0.95 for g in guesses)


def test_headerless_columns_identified_by_values() -> None:
    headers = ["col1", "col2", "col3", "col4"]
    rows = [
        ["Blue widget", gtin, price, "note"]
        for gtin, price in zip(
            _gtins(5), ["€ 12,99", "€ 9,99", "€ 1,99", "€ 4,50", "€ 7,00"], strict=True
        )
    ]
    guesses = guess_mapping(headers, rows)
    assert guesses[1].target == "gtin"
    assert 0.5 <= guesses[1].confidence <= 0.8
    assert "valid check digits" in guesses[1].reason
    assert guesses[2].target == "price"
    assert 0.5 <= guesses[2].confidence <= 0.8
    assert "money" in guesses[2].reason
    assert guesses[3].target is None
    assert guesses[3].confidence == 0.0


def test_unknown_header_without_evidence_is_ignored() -> None:
    guesses = guess_mapping(["SKU", "Internal flag"], [["A-1", "x"], ["A-2", "y"]])
    assert guesses[1] == ColumnGuess(1, "Internal flag", None, 0.0, "no match")


def test_gtin_by_values_under_an_unknown_header() -> None:
    headers = ["Artikel-Nr.", "Kennung"]
    rows = [[f"A-{n}", code] for n, code in enumerate(_gtins(6))]
    guesses = guess_mapping(headers, rows)
    assert _targets(guesses) == ["sku", "gtin"]
    assert guesses[1].confidence <= 0.8


def test_eleven_digit_upcs_with_lost_leading_zero() -> None:
    upcs = [code.lstrip("0") for code in ["036000291452", "012345678905", "042100005264"]]
    guesses = guess_mapping(["Code X"], [[code] for code in upcs])
    assert guesses[0].target == "gtin"
    assert "11" in guesses[0].reason


def test_money_columns_decided_by_header_words() -> None:
    headers = ["SKU", "Retail", "Wholesale Price", "List Price", "Special Price"]
    rows = [["A", "19.99", "8.00", "24.99", "17.99"], ["B", "9.99", "4.00", "12.99", "8.99"]]
    assert _targets(guess_mapping(headers, rows)) == ["sku", "price", "cost", "msrp", "sale_price"]


def test_msrp_is_kept_when_there_is_no_price_column() -> None:
    guesses = guess_mapping(["SKU", "RRP"], [["A", "19.99"], ["B", "9.99"]])
    assert _targets(guesses) == ["sku", "msrp"]


def test_single_valued_target_goes_to_the_best_column() -> None:
    headers = ["Brand", "Manufacturer", "Price", "Price 2"]
    rows = [["Acme", "Acme Corp", "1.00", "2.00"]]
    guesses = guess_mapping(headers, rows)
    assert _targets(guesses) == ["brand", None, "price", None]
    assert "went to column 'Brand'" in guesses[1].reason
    assert guesses[1].confidence == 0.0


def test_multi_targets_are_shared() -> None:
    headers = ["SKU", "Image 1", "Image 2", "Bullet Point 1", "Bullet Point 2", "Color", "Size"]
    rows = [["A", "https://x.test/a.jpg", "https://x.test/b.png", "Warm", "Soft", "Red", "M"]]
    assert _targets(guess_mapping(headers, rows)) == [
        "sku",
        "images",
        "images",
        "bullets",
        "bullets",
        "attribute",
        "attribute",
    ]


def test_description_with_long_texts_stays_description_next_to_a_title() -> None:
    long_text = "A sturdy bottle that keeps drinks cold for 24 hours. " * 4
    headers = ["Name", "Description"]
    guesses = guess_mapping(headers, [["Bottle", long_text], ["Mug", "<p>Short</p>"]])
    assert _targets(guesses) == ["title", "description"]


def test_short_and_long_description_columns() -> None:
    long_text = "<p>A sturdy bottle that keeps drinks cold for 24 hours, made of steel.</p>" * 3
    headers = ["Item", "Description", "Long Description"]
    rows = [["AC-1", "Steel Bottle 750 ml", long_text], ["AC-2", "Steel Bottle 1 l", long_text]]
    assert _targets(guess_mapping(headers, rows)) == ["sku", "title", "description"]


def test_long_description_alone_is_not_a_title() -> None:
    long_text = "A sturdy bottle that keeps drinks cold for 24 hours. " * 4
    guesses = guess_mapping(["SKU", "Description"], [["A", long_text], ["B", long_text + "!"]])
    assert _targets(guesses) == ["sku", "description"]


def test_numeric_google_category_becomes_category_id() -> None:
    headers = ["id", "google_product_category", "product_type"]
    rows = [["S1", "2951", "Home > Kitchen"], ["S2", "536", "Home > Garden"]]
    guesses = guess_mapping(headers, rows)
    assert _targets(guesses) == ["sku", "category_id", "category_path"]
    assert "numeric category IDs" in guesses[1].reason


def test_amazon_product_id_is_sure_next_to_its_type_column() -> None:
    headers = ["item_sku", "external_product_id", "external_product_id_type"]
    rows = [["A", code, "EAN"] for code in _gtins(3)]
    guesses = guess_mapping(headers, rows)
    assert _targets(guesses) == ["sku", "gtin", None]
    assert guesses[1].confidence >= 0.95
    alone = guess_mapping(["Product ID"], [["A-1"], ["B-2"]])[0]
    assert alone.confidence <= 0.7


def test_conflicting_values_lower_confidence() -> None:
    guesses = guess_mapping(["SKU", "Price"], [["A", "call us"], ["B", "on request"]])
    assert guesses[1].target == "price"
    assert guesses[1].confidence <= 0.5
    assert "not amounts" in guesses[1].reason


def test_stock_from_small_whole_numbers_only_without_a_stock_column() -> None:
    rows = [["A", "3", "12"], ["B", "0", "7"], ["C", "15", "1"], ["D", "2", "0"]]
    assert _targets(guess_mapping(["SKU", "Qty", "Lager X"], rows)) == ["sku", "stock", None]
    assert _targets(guess_mapping(["SKU", "col2", "col3"], rows)) == ["sku", "stock", None]


def test_status_values_under_a_condition_header() -> None:
    guesses = guess_mapping(["Estado"], [["activo"], ["borrador"], ["activo"]])
    assert guesses[0].target == "status"
    assert "statuses" in guesses[0].reason
    assert guess_mapping(["Estado"], [["nuevo"], ["usado"]])[0].target == "condition"


def test_part_number_is_the_sku_when_there_is_no_sku_column() -> None:
    guesses = guess_mapping(["Part Number", "Description", "Price"], [["PN-1", "Bolt", "0.10"]])
    assert _targets(guesses) == ["sku", "title", "price"]
    assert "no column holds SKUs" in guesses[0].reason
    both = guess_mapping(["SKU", "Part Number"], [["A", "PN-1"]])
    assert _targets(both) == ["sku", "mpn"]


def test_rows_shorter_than_headers_and_no_samples() -> None:
    headers = ["SKU", "Title", "Price", "Stock"]
    assert _targets(guess_mapping(headers, [["A"], []])) == ["sku", "title", "price", "stock"]
    assert _targets(guess_mapping(headers, [])) == ["sku", "title", "price", "stock"]
    assert guess_mapping([], []) == []


def test_guesses_are_json_ready() -> None:
    guess = guess_mapping(["EAN"], [[code] for code in _gtins(3)])[0]
    assert guess.to_json() == {
        "column": 0,
        "header": "EAN",
        "target": "gtin",
        "confidence": 1.0,
        "reason": guess.reason,
    }


def test_fifty_columns_are_fast() -> None:
    headers = (SUPPLIER_HEADERS * 7)[:50]
    rows = [[row[i % len(row)] for i in range(50)] for row in SUPPLIER_ROWS * 50]
    guess_mapping(headers, rows)
    start = time.perf_counter()
    guess_mapping(headers, rows)
    assert time.perf_counter() - start < 0.25


# --- header rows -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    [
        SUPPLIER_HEADERS,
        ["Artikelnummer", "Bezeichnung", "EAN", "Preis (EUR)", "UVP", "Bestand", ""],
        ["Referencia", "Nombre", "Precio", "Existencias", "Notas internas"],
        ["SKU", "Title", "Price", "Supplier Comment", "Internal Flag"],
    ],
)
def test_header_rows_look_like_headers(row: list[str]) -> None:
    assert header_likeness(row) > 0.6


@pytest.mark.parametrize(
    "row",
    [
        SUPPLIER_ROWS[0],
        SUPPLIER_ROWS[2],
        ["10001", "Kaffeebecher Keramik 300 ml", "4006381333931", "12,90", "14,99", "25"],
        ["ACME Wholesale Supply Co. — Dealer Price List, Fall 2026"],
        ["ACME Wholesale Supply Co. — Dealer Price List, Fall 2026", "", "", "", ""],
        ["Price List 2026", "", "", "", "", ""],
        ["Prices valid from 01.09.2026", "", ""],
        ["Acme", "Red", "Large", "Cotton", "Summer"],
        [],
        ["", "", ""],
    ],
)
def test_data_and_title_rows_do_not(row: list[str]) -> None:
    assert header_likeness(row) < 0.3


def test_header_likeness_is_between_zero_and_one() -> None:
    for row in (["SKU"] * 3, ["SKU"], ["x" * 500]):
        assert 0.0 <= header_likeness(row) <= 1.0


# --- the synonym data ------------------------------------------------------------------------


def test_synonym_targets_exist() -> None:
    assert set(synonyms.SYNONYMS) <= set(TARGETS)
    assert set(synonyms.WEAK_SYNONYMS) <= set(TARGETS)
    assert set(synonyms.COMPOUND_HEADS.values()) <= set(TARGETS)
    assert {"sku", "title", "gtin", "price", "msrp", "cost", "stock", "images"} <= set(
        synonyms.SYNONYMS
    )


def test_synonyms_are_normalized_and_unambiguous() -> None:
    seen: dict[str, str] = {}
    for table in (synonyms.SYNONYMS, synonyms.WEAK_SYNONYMS):
        for target, words in table.items():
            for word in words:
                assert normalize_header(word) == word, word
                assert seen.setdefault(word, target) == target, word
    for word in synonyms.IGNORED:
        assert normalize_header(word) == word, word
        assert word not in seen, word
