#include "SequenceView.h"

#include "FeatureColors.h"
#include "bio/GeneticCode.h"
#include "bio/RestrictionScanner.h"
#include "bio/Translation.h"
#include "models/sequence/SequenceClipboard.h"
#include "models/sequence/SequenceDocument.h"
#include "widgets/Qsci.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QInputMethodEvent>
#include <QMenu>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QtConcurrent>

#include <algorithm>

namespace benchtop::widgets {

namespace {

using Sci = QsciScintillaBase;
constexpr int kHitIndicator = 8; // the first indicator left to containers
constexpr int kMaxLanes = 4;
const QByteArray kFontFamily = QByteArrayLiteral("DejaVu Sans Mono");
constexpr int kFontSize = 10;

QList<bio::RestrictionEnzyme> enzymesFor(SequenceView::EnzymeSet set)
{
    bio::EnzymeFilter filter;
    filter.commercialOnly = true;
    // Listing every 4-cutter site of a genome helps no one: "all" means sites of 6 or more.
    filter.minimumSiteLength = set == SequenceView::EnzymeSet::All ? 6 : 5;
    static const QList<bio::RestrictionEnzyme> commercial =
        bio::RestrictionCatalogue::builtin().select(filter);
    return commercial;
}

} // namespace

// The QScintilla editor of a SequenceView: it paints the window of rows and holds the caret and
// the selection; every key, typed text, click and wheel turn goes to the view, which changes the
// document (Scintilla itself is read-only, so nothing reaches the text behind the document's
// back — not its own key bindings, drops or context menu).
class BasesEditor final : public QsciScintilla
{
public:
    explicit BasesEditor(SequenceView *view)
        : QsciScintilla(view)
        , m_view(view)
    {}

protected:
    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ShortcutOverride && m_view->event(event))
            return true;
        return QsciScintilla::event(event);
    }
    void keyPressEvent(QKeyEvent *event) override { m_view->handleKey(event); }
    void inputMethodEvent(QInputMethodEvent *event) override
    {
        if (!event->commitString().isEmpty())
            m_view->insertText(event->commitString().toLatin1());
        event->accept();
    }
    void mousePressEvent(QMouseEvent *event) override { m_view->handleMouse(event); }
    void mouseMoveEvent(QMouseEvent *event) override { m_view->handleMouse(event); }
    void mouseReleaseEvent(QMouseEvent *event) override { m_view->handleMouse(event); }
    void mouseDoubleClickEvent(QMouseEvent *event) override { m_view->handleMouse(event); }
    void wheelEvent(QWheelEvent *event) override
    {
        m_wheel += event->angleDelta().y();
        const int rows = -m_wheel / 40; // three rows a notch
        m_wheel += rows * 40;
        if (rows != 0)
            m_view->handleWheel(rows);
        event->accept();
    }
    void contextMenuEvent(QContextMenuEvent *event) override
    {
        m_view->showContextMenu(event->globalPos());
    }
    // Files dropped here are for the page (import); text is never dropped into the window.
    void dragEnterEvent(QDragEnterEvent *event) override { event->ignore(); }
    void dragMoveEvent(QDragMoveEvent *event) override { event->ignore(); }
    void dropEvent(QDropEvent *event) override { event->ignore(); }
    void resizeEvent(QResizeEvent *event) override
    {
        QsciScintilla::resizeEvent(event);
        m_view->relayout();
    }

private:
    SequenceView *m_view;
    int m_wheel = 0;
};

SequenceView::SequenceView(models::SequenceDocument *document, QWidget *parent)
    : QFrame(parent)
    , m_document(document)
    , m_editor(new BasesEditor(this))
    , m_scroll(new QScrollBar(Qt::Vertical, this))
    , m_code(&bio::GeneticCode::standard())
{
    setFrameStyle(QFrame::StyledPanel | QFrame::Sunken);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(frameWidth(), frameWidth(), frameWidth(), frameWidth());
    layout->setSpacing(0);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_scroll);
    setFocusProxy(m_editor);
    configureEditor();
    m_scroll->setSingleStep(1);
    connect(m_scroll, &QScrollBar::valueChanged, this, &SequenceView::rebuild);
    m_autoScroll.setInterval(40);
    connect(&m_autoScroll, &QTimer::timeout, this, &SequenceView::autoScroll);
    m_scanDelay.setSingleShot(true);
    m_scanDelay.setInterval(250);
    connect(&m_scanDelay, &QTimer::timeout, this, &SequenceView::startScan);
    connect(&m_scan, &QFutureWatcher<QList<rowtext::Site>>::finished, this, [this] {
        // A scan of bases or enzymes that have changed since is not shown (the sites shifted
        // with the edit are closer to the truth); the next scan is.
        if (m_scannedRevision != m_document->revision() || m_scannedSet != m_enzymeSet) {
            scheduleScan();
            return;
        }
        m_sites = m_scan.result();
        rebuild();
        updateScrollRange(); // a line of sites over every row
        Q_EMIT restrictionSitesReady();
    });
    connect(document, &models::SequenceDocument::basesChanged, this,
            [this](qint64 position, qint64 removed, qint64 inserted) {
                // Every base is new (another record, all bases replaced): the old cut sites are
                // not drawn over it until the scan, and it is shown from its first row.
                if (position == 0 && inserted == m_document->length()) {
                    m_sites.clear();
                    const QSignalBlocker blocker(m_scroll);
                    m_scroll->setValue(0);
                    return;
                }
                // Otherwise the sites after the edit move with their bases at once and those in
                // removed bases go; the scan that follows finds what the edit made or broke.
                QList<rowtext::Site> kept;
                kept.reserve(m_sites.size());
                for (rowtext::Site site : std::as_const(m_sites)) {
                    if (site.cut > position && site.cut < position + removed)
                        continue;
                    if (site.cut > position)
                        site.cut += inserted - removed;
                    kept.append(site);
                }
                m_sites = std::move(kept);
            });
    connect(document, &models::SequenceDocument::changed, this, [this] {
        updateScrollRange();
        rebuild();
        scheduleScan();
    });
    connect(document, &models::SequenceDocument::selectionChanged, this, [this](qint64 start) {
        // A selection made elsewhere (find bar, feature table, maps, undo, a new record) is
        // extended from its start.
        if (!m_selecting) {
            m_anchor = start;
            m_caretAtRowEnd = false;
        }
        showSelection();
    });
    relayout();
    startScan();
}

SequenceView::~SequenceView()
{
    m_scan.waitForFinished();
}

QsciScintilla *SequenceView::editor() const
{
    return m_editor;
}

QWidget *SequenceView::viewport() const
{
    return m_editor->viewport();
}

void SequenceView::configureEditor()
{
    BasesEditor *e = m_editor;
    e->setFrameStyle(QFrame::NoFrame);
    e->setReadOnly(true);
    e->SendScintilla(Sci::SCI_SETUNDOCOLLECTION, 0UL);
    e->SendScintilla(Sci::SCI_SETVSCROLLBAR, 0UL);
    e->SendScintilla(Sci::SCI_SETHSCROLLBAR, 0UL);
    e->SendScintilla(Sci::SCI_SETWRAPMODE, Sci::SC_WRAP_NONE);
    e->SendScintilla(Sci::SCI_SETSCROLLWIDTHTRACKING, 0UL);
    e->SendScintilla(Sci::SCI_SETSCROLLWIDTH, 1UL);
    e->SendScintilla(Sci::SCI_SETCARETWIDTH, 2UL);
    e->SendScintilla(Sci::SCI_SETLAYOUTCACHE, long(Sci::SC_CACHE_PAGE)); // the rows on screen
    e->viewport()->setAcceptDrops(false);
    e->viewport()->setCursor(Qt::IBeamCursor);

    const QPalette pal = palette();
    defineStyle(Sci::STYLE_DEFAULT, pal.color(QPalette::Text), pal.color(QPalette::Base), false);
    e->SendScintilla(Sci::SCI_STYLECLEARALL);
    const QColor dim = pal.color(QPalette::PlaceholderText);
    defineStyle(Sci::STYLE_LINENUMBER, dim, pal.color(QPalette::Base), false);
    e->SendScintilla(Sci::SCI_SETCARETFORE, pal.color(QPalette::Text));
    QColor selection = pal.color(QPalette::Highlight);
    e->SendScintilla(Sci::SCI_SETSELBACK, 1UL, selection.lighter(160));

    // Annotations (the lines around each row) use their own range of styles.
    m_annotationStyles = int(e->SendScintilla(Sci::SCI_ALLOCATEEXTENDEDSTYLES, 256L));
    e->SendScintilla(Sci::SCI_ANNOTATIONSETSTYLEOFFSET, long(m_annotationStyles));
    e->SendScintilla(Sci::SCI_ANNOTATIONSETVISIBLE, Sci::ANNOTATION_STANDARD);
    const QColor base = pal.color(QPalette::Base);
    defineStyle(m_annotationStyles + rowtext::Plain, pal.color(QPalette::Text), base, false);
    defineStyle(m_annotationStyles + rowtext::Dim, dim, base, false);
    defineStyle(m_annotationStyles + rowtext::Frame, QColor(0x20, 0x60, 0xa0), base, false);
    defineStyle(m_annotationStyles + rowtext::Cut, QColor(0xb0, 0x30, 0x30), base, false);

    // Margin 0: the first position of each row; the others are not used.
    e->SendScintilla(Sci::SCI_SETMARGINTYPEN, 0UL, long(Sci::SC_MARGIN_RTEXT));
    e->SendScintilla(Sci::SCI_SETMARGINWIDTHN, 1UL, 0L);
    e->SendScintilla(Sci::SCI_SETMARGINWIDTHN, 2UL, 0L);
    const long margin =
        e->SendScintilla(Sci::SCI_TEXTWIDTH, Sci::STYLE_LINENUMBER, "0000000000") + 8;
    e->SendScintilla(Sci::SCI_SETMARGINWIDTHN, 0UL, margin);
    e->SendScintilla(Sci::SCI_SETMARGINLEFT, 0UL, 4L);

    e->SendScintilla(Sci::SCI_INDICSETSTYLE, kHitIndicator, long(Sci::INDIC_STRAIGHTBOX));
    e->SendScintilla(Sci::SCI_INDICSETFORE, kHitIndicator, QColor(255, 200, 40));
    e->SendScintilla(Sci::SCI_INDICSETALPHA, kHitIndicator, 140L);
    e->SendScintilla(Sci::SCI_INDICSETUNDER, kHitIndicator, 1L);

    // The window never scrolls by itself: the view's scroll bar moves it.
    connect(e, &QsciScintilla::SCN_UPDATEUI, this, [e](int updated) {
        if (updated & (Sci::SC_UPDATE_V_SCROLL | Sci::SC_UPDATE_H_SCROLL)) {
            e->SendScintilla(Sci::SCI_SETFIRSTVISIBLELINE, 0UL);
            e->SendScintilla(Sci::SCI_SETXOFFSET, 0UL);
        }
    });
}

void SequenceView::defineColorStyles()
{
    const QColor base = palette().color(QPalette::Base);
    for (const rowtext::ColorStyles::Entry &entry : m_colors.takeNew()) {
        const QColor text = entry.color.lightness() > 150 ? Qt::black : Qt::white;
        const QList<std::tuple<int, QColor, QColor, bool>> styles = {
            {entry.bar, text, entry.color, false},
            {entry.bar + 1, text, entry.color.darker(115), true},
            {entry.bar + 2, entry.color.darker(150), base, false}};
        for (const auto &[offset, fore, back, bold] : styles)
            defineStyle(m_annotationStyles + offset, fore, back, bold);
    }
}

void SequenceView::defineStyle(int number, const QColor &fore, const QColor &back, bool bold)
{
    m_editor->SendScintilla(Sci::SCI_STYLESETFONT, number, kFontFamily.constData());
    m_editor->SendScintilla(Sci::SCI_STYLESETSIZE, number, long(kFontSize));
    m_editor->SendScintilla(Sci::SCI_STYLESETFORE, number, fore);
    m_editor->SendScintilla(Sci::SCI_STYLESETBACK, number, back);
    m_editor->SendScintilla(Sci::SCI_STYLESETBOLD, number, long(bold));
}

void SequenceView::setShowComplement(bool show)
{
    if (m_showComplement == show)
        return;
    m_showComplement = show;
    rebuild();
    updateScrollRange();
    Q_EMIT showComplementChanged(show);
}

void SequenceView::setFrames(Frames frames)
{
    if (m_frames == frames)
        return;
    m_frames = frames;
    rebuild();
    updateScrollRange();
    Q_EMIT framesChanged(frames);
}

void SequenceView::setGeneticCode(int ncbiId)
{
    if (const bio::GeneticCode *code = bio::GeneticCode::byId(ncbiId))
        m_code = code;
    rebuild();
}

int SequenceView::geneticCode() const
{
    return m_code->id();
}

void SequenceView::setEnzymeSet(EnzymeSet set)
{
    m_enzymeSet = set;
    m_scannedRevision = ~0ULL;
    if (set == EnzymeSet::None)
        m_sites.clear();
    rebuild();
    updateScrollRange();
    startScan();
}

void SequenceView::setHighlights(QList<bio::SearchHit> hits)
{
    m_hits = std::move(hits);
    // rebuild() finds the hits of the window by their start.
    std::stable_sort(
        m_hits.begin(), m_hits.end(),
        [](const bio::SearchHit &a, const bio::SearchHit &b) { return a.start < b.start; });
    m_longestHit = 0;
    for (const bio::SearchHit &hit : std::as_const(m_hits))
        m_longestHit = std::max(m_longestHit, hit.end - hit.start);
    rebuild();
}

rowtext::RowOptions SequenceView::rowOptions() const
{
    rowtext::RowOptions o;
    o.record = &m_document->record();
    o.features = &m_document->featureIndex();
    o.code = m_code;
    o.protein = m_document->isProtein();
    o.complement = m_showComplement;
    if (m_frames != Frames::None)
        o.frames = {1};
    if (m_frames == Frames::Forward || m_frames == Frames::All)
        o.frames = {1, 2, 3};
    if (m_frames == Frames::All)
        o.frames.append({-1, -2, -3});
    o.sites = m_enzymeSet != EnzymeSet::None ? &m_sites : nullptr;
    o.perRow = m_perRow;
    o.maxLanes = kMaxLanes;
    return o;
}

void SequenceView::relayout()
{
    const qint64 top = firstVisibleBase();
    // Measured over ten blocks: a cell is a fraction of a pixel wider than one 'M' says.
    static const QByteArray tenBlocks = QByteArray("ACGTACGTAC ").repeated(10);
    const double block =
        m_editor->SendScintilla(Sci::SCI_TEXTWIDTH, Sci::STYLE_DEFAULT, tenBlocks.constData()) /
        10.0;
    const long margin = m_editor->SendScintilla(Sci::SCI_GETMARGINWIDTHN, 0UL);
    // Room for "+N" after the lanes.
    const double usable = m_editor->contentsRect().width() - margin - 6 * block / 11;
    const int blocks = std::max(1, int((usable + block / 11) / std::max(1.0, block)));
    m_perRow = blocks * rowtext::kGroup;
    // The range first: with fewer bases a row there are more rows, and the old range would
    // clamp the top row.
    m_scroll->blockSignals(true);
    updateScrollRange();
    m_scroll->setValue(int(top / m_perRow));
    m_scroll->blockSignals(false);
    rebuild();
    updateScrollRange();
}

void SequenceView::updateScrollRange()
{
    const qint64 rows = rowCount();
    // Rows differ in height (feature lanes), so the last top row is the one that shows the last
    // row whole, not rows minus the rows that fit at the current top.
    m_scroll->setRange(0, int(topRowShowing(rows - 1)));
    m_scroll->setPageStep(m_pageRows);
}

qint64 SequenceView::topRowShowing(qint64 row)
{
    // The same measure as rebuild(): line 0 holds the top row's lines above; each row takes its
    // bases line, its lines below and (but for the last row) a gap and the next row's lines above.
    const rowtext::RowOptions o = rowOptions();
    const qint64 rows = rowCount();
    const int lineHeight = std::max(1, int(m_editor->SendScintilla(Sci::SCI_TEXTHEIGHT, 0UL)));
    const int height = m_editor->contentsRect().height();
    auto above = [&](qint64 r) {
        return int(rowtext::linesAbove(o, r * m_perRow).size());
    };
    auto rowLines = [&](qint64 r) {
        int lines = 1 + int(rowtext::linesBelow(o, r * m_perRow, m_colors).size());
        if (r + 1 < rows)
            lines += 1 + above(r + 1);
        return lines;
    };
    row = std::clamp<qint64>(row, 0, rows - 1);
    qint64 top = row;
    int used = lineHeight * rowLines(row);
    while (top > 0) {
        const int more = lineHeight * rowLines(top - 1);
        if (used + more + lineHeight * (1 + above(top - 1)) > height)
            break;
        used += more;
        --top;
    }
    return top;
}

qint64 SequenceView::rowCount() const
{
    return (m_document->length() + m_perRow) / m_perRow; // a row for the end caret
}

qint64 SequenceView::firstVisibleRow() const
{
    return m_scroll->value();
}

void SequenceView::scrollToBase(qint64 position)
{
    m_scroll->setValue(int(position / m_perRow));
}

void SequenceView::ensureVisible(qint64 position)
{
    ensureRowVisible(position / m_perRow);
}

qint64 SequenceView::caretRow(qint64 position) const
{
    const bool atRowEnd = m_caretAtRowEnd && position > 0 && position % m_perRow == 0;
    return position / m_perRow - (atRowEnd ? 1 : 0);
}

void SequenceView::ensureRowVisible(qint64 row)
{
    const qint64 first = firstVisibleRow();
    if (row < first)
        m_scroll->setValue(int(row));
    else if (row >= first + m_pageRows)
        m_scroll->setValue(int(std::max(first, topRowShowing(row))));
}

void SequenceView::rebuild()
{
    if (m_rebuilding)
        return;
    m_rebuilding = true;
    BasesEditor *e = m_editor;
    const rowtext::RowOptions o = rowOptions();
    const qint64 length = m_document->length();
    const qint64 rows = rowCount();
    const qint64 first = std::clamp<qint64>(m_scroll->value(), 0, rows - 1);
    const int lineHeight = std::max(1, int(e->SendScintilla(Sci::SCI_TEXTHEIGHT, 0UL)));
    const int height = e->contentsRect().height();

    // Line 0 holds the lines above the first row; line i the bases of row first + i - 1, and
    // under them its own lines, a gap and the lines above the next row.
    QByteArray text;
    const QList<rowtext::StyledLine> topAbove = rowtext::linesAbove(o, first * m_perRow);
    QList<rowtext::StyledLine> annotations = {rowtext::join(topAbove)};
    int used = lineHeight * (1 + int(topAbove.size()));
    m_lineStarts = {0};
    m_rowLength.clear();
    int full = 0;
    for (qint64 row = first; row < rows && used < height; ++row) {
        const qint64 start = row * m_perRow;
        text.append('\n');
        m_lineStarts.append(text.size());
        text.append(rowtext::basesText(o, start));
        m_rowLength.append(int(std::min<qint64>(m_perRow, length - start)));
        QList<rowtext::StyledLine> below = rowtext::linesBelow(o, start, m_colors);
        if (row + 1 < rows) {
            below.append(rowtext::StyledLine{});
            below.append(rowtext::linesAbove(o, start + m_perRow));
        }
        annotations.append(rowtext::join(below));
        used += lineHeight * (1 + int(below.size()));
        if (used <= height)
            ++full;
    }
    m_pageRows = std::max(1, full);

    e->SendScintilla(Sci::SCI_SETREADONLY, 0UL);
    e->SendScintilla(Sci::SCI_ANNOTATIONCLEARALL);
    e->SendScintilla(Sci::SCI_SETTEXT, 0UL, text.constData());
    e->SendScintilla(Sci::SCI_SETREADONLY, 1UL);
    defineColorStyles();
    for (qsizetype line = 0; line < annotations.size(); ++line) {
        const rowtext::StyledLine &a = annotations[line];
        if (!a.text.isEmpty()) {
            e->SendScintilla(Sci::SCI_ANNOTATIONSETTEXT, line, a.text.constData());
            e->SendScintilla(Sci::SCI_ANNOTATIONSETSTYLES, line, a.styles.constData());
        }
        if (line > 0) {
            const QByteArray number = QByteArray::number((first + line - 1) * m_perRow + 1);
            e->SendScintilla(Sci::SCI_MARGINSETTEXT, line, number.constData());
            e->SendScintilla(Sci::SCI_MARGINSETSTYLE, line, long(Sci::STYLE_LINENUMBER));
        }
    }

    // Search hits on the shown rows (a hit across the origin also marks its start).
    e->SendScintilla(Sci::SCI_SETINDICATORCURRENT, kHitIndicator);
    if (!m_hits.isEmpty() && rowsShown() > 0) {
        const qint64 from = first * m_perRow;
        const qint64 to = std::min(length, (first + rowsShown()) * m_perRow);
        auto mark = [&](qint64 s, qint64 t) {
            for (qint64 p = std::max(s, from); p < std::min(t, to);) {
                // (A hit across the origin ends past the last base: it stops there.)
                const qint64 rowEnd = std::min({t, to, (p / m_perRow + 1) * m_perRow});
                const qint64 a = editorPosition(p);
                const qint64 b = editorPosition(rowEnd - 1) + 1;
                e->SendScintilla(Sci::SCI_INDICATORFILLRANGE, a, b - a);
                p = rowEnd;
            }
        };
        auto it = std::lower_bound(m_hits.cbegin(), m_hits.cend(), from - m_longestHit,
                                   [](const bio::SearchHit &h, qint64 p) { return h.start < p; });
        for (; it != m_hits.cend() && it->start < to; ++it)
            mark(it->start, it->end);
        for (const bio::SearchHit &hit : std::as_const(m_hits))
            if (hit.end > length) // across the origin
                mark(0, hit.end - length);
    }
    e->SendScintilla(Sci::SCI_SETFIRSTVISIBLELINE, 0UL);
    e->SendScintilla(Sci::SCI_SETXOFFSET, 0UL);
    m_rebuilding = false;
    showSelection();
}

qint64 SequenceView::editorPosition(qint64 position) const
{
    const qint64 row = position / m_perRow;
    const qint64 line = row - firstVisibleRow() + 1;
    if (line < 1 || line >= m_lineStarts.size())
        return -1;
    const int column = int(position - row * m_perRow);
    return m_lineStarts[line] + rowtext::startColumn(column);
}

void SequenceView::showSelection()
{
    if (m_rebuilding || m_lineStarts.size() < 2)
        return;
    const qint64 s = m_document->selectionStart();
    const qint64 e = m_document->selectionEnd();
    const qint64 from = firstVisibleBase();
    const qint64 to = std::min(m_document->length(), (firstVisibleRow() + rowsShown()) * m_perRow);
    // Where a position of the window is in the editor; an end position keeps off the block gap.
    // (an end at a row boundary is the end of the row before, not the next row's first column).
    auto map = [this](qint64 p, bool isEnd) -> qint64 {
        qint64 row = p / m_perRow;
        if (isEnd && p > 0 && p % m_perRow == 0 && row > firstVisibleRow())
            --row;
        const qint64 line =
            std::clamp<qint64>(row - firstVisibleRow() + 1, 1, m_lineStarts.size() - 1);
        const int column = int(p - row * m_perRow);
        return m_lineStarts[line] +
               (isEnd ? rowtext::endColumn(column) : rowtext::startColumn(column));
    };
    // A caret at a row boundary stands at the start of its row, or after End (or a click past
    // the last base) at the end of the row before.
    const qint64 caretLine = caretRow(s) - firstVisibleRow() + 1;
    const bool caretShown =
        s == e ? (caretLine >= 1 && caretLine < m_lineStarts.size()) : (e > from && s < to);
    qint64 anchor = 0, caret = 0;
    if (caretShown) {
        const int caretColumn = int(s - caretRow(s) * m_perRow); // perRow at a row's end
        const qint64 a = s == e ? m_lineStarts[caretLine] +
                                      (caretColumn == m_perRow ? rowtext::endColumn(caretColumn)
                                                               : rowtext::startColumn(caretColumn))
                                : map(std::clamp(s, from, to), false);
        const qint64 b = s == e ? a : map(std::clamp(e, from, to), true);
        const bool forward = m_anchor != e || s == e;
        anchor = forward ? a : b;
        caret = forward ? b : a;
    }
    m_editor->SendScintilla(
        Sci::SCI_SETCARETSTYLE,
        long(caretShown && s == e ? Sci::CARETSTYLE_LINE : Sci::CARETSTYLE_INVISIBLE));
    m_editor->SendScintilla(Sci::SCI_SETCURRENTPOS, static_cast<unsigned long>(caret));
    m_editor->SendScintilla(Sci::SCI_SETANCHOR, static_cast<unsigned long>(anchor));
}

qint64 SequenceView::positionAt(QPoint point) const
{
    return positionAt(point, nullptr);
}

qint64 SequenceView::positionAt(QPoint point, bool *atRowEnd) const
{
    if (atRowEnd)
        *atRowEnd = false;
    if (m_lineStarts.size() < 2)
        return 0;
    const long lineHeight = m_editor->SendScintilla(Sci::SCI_TEXTHEIGHT, 0UL);
    // A row owns the gap and the lines above it, so a click on its ruler lands in it.
    const int above = int(rowtext::linesAbove(rowOptions(), 0).size()) + 1;
    qsizetype line = 1;
    for (qsizetype i = 2; i < m_lineStarts.size(); ++i) {
        const long top = m_editor->SendScintilla(Sci::SCI_POINTYFROMPOSITION, 0UL, m_lineStarts[i]);
        if (point.y() >= top - above * lineHeight)
            line = i;
    }
    const qint64 row = firstVisibleRow() + line - 1;
    const long top = m_editor->SendScintilla(Sci::SCI_POINTYFROMPOSITION, 0UL, m_lineStarts[line]);
    const long at = m_editor->SendScintilla(Sci::SCI_POSITIONFROMPOINT,
                                            long(std::max(0, point.x())), top + lineHeight / 2);
    const int length = m_rowLength[line - 1];
    const int column = std::clamp(
        rowtext::baseColumn(int(std::max<qint64>(0, at - m_lineStarts[line]))), 0, length);
    if (atRowEnd)
        *atRowEnd = column == m_perRow; // after the last base of a full row
    return std::clamp<qint64>(row * m_perRow + column, 0, m_document->length());
}

QPoint SequenceView::pointOf(qint64 position) const
{
    const qint64 at = editorPosition(position);
    if (at < 0)
        return {-1, -1};
    const long x = m_editor->SendScintilla(Sci::SCI_POINTXFROMPOSITION, 0UL, at);
    const long y = m_editor->SendScintilla(Sci::SCI_POINTYFROMPOSITION, 0UL, at);
    const long charWidth = m_editor->SendScintilla(Sci::SCI_TEXTWIDTH, Sci::STYLE_DEFAULT, "M");
    const long lineHeight = m_editor->SendScintilla(Sci::SCI_TEXTHEIGHT, 0UL);
    return {int(x + charWidth / 2), int(y + lineHeight / 2)};
}

void SequenceView::scheduleScan()
{
    if (!m_scan.isRunning())
        m_scanDelay.start();
}

void SequenceView::startScan()
{
    if (m_scan.isRunning()) {
        m_scanDelay.start();
        return;
    }
    m_scannedRevision = m_document->revision();
    m_scannedSet = m_enzymeSet;
    if (m_document->isProtein() || m_enzymeSet == EnzymeSet::None) {
        m_sites.clear();
        rebuild();
        return;
    }
    const QByteArray sequence = m_document->record().sequence;
    const bio::Topology topology = m_document->record().topology;
    const EnzymeSet set = m_enzymeSet;
    m_scan.setFuture(QtConcurrent::run([sequence, topology, set] {
        const bio::RestrictionScanner scanner(enzymesFor(set));
        const bio::ScanOptions options =
            set == EnzymeSet::Unique       ? bio::ScanOptions::uniqueCutters()
            : set == EnzymeSet::TwoCutters ? bio::ScanOptions::twoCutters()
                                           : bio::ScanOptions{};
        const bio::RestrictionMap map = scanner.scan(sequence, topology, options);
        QList<rowtext::Site> sites;
        for (qsizetype e = 0; e < map.enzymes.size(); ++e)
            for (const bio::RestrictionSite &site : map.sitesOf(e))
                if (site.cutMask & 1)
                    sites.append({map.cut(site, 0).top, map.enzymes[e].name});
        std::sort(sites.begin(), sites.end(),
                  [](const rowtext::Site &a, const rowtext::Site &b) { return a.cut < b.cut; });
        return sites;
    }));
}

void SequenceView::moveCaret(qint64 to, bool extend, bool atRowEnd)
{
    to = std::clamp<qint64>(to, 0, m_document->length());
    m_caretAtRowEnd = atRowEnd && to > 0 && to % m_perRow == 0;
    select(extend ? m_anchor : to, to);
    ensureRowVisible(caretRow(to));
    showSelection();
}

void SequenceView::select(qint64 anchor, qint64 head)
{
    m_anchor = anchor;
    const QScopedValueRollback selecting(m_selecting, true);
    m_document->setSelection(std::min(anchor, head), std::max(anchor, head));
}

void SequenceView::insertText(const QByteArray &text)
{
    QString error;
    if (!m_document->replaceBases(m_document->selectionStart(), m_document->selectionEnd(), text,
                                  &error))
        Q_EMIT message(error);
    m_anchor = m_document->selectionEnd();
    ensureVisible(m_anchor);
}

bool SequenceView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        for (auto standard : {QKeySequence::Copy, QKeySequence::Cut, QKeySequence::Paste,
                              QKeySequence::Undo, QKeySequence::Redo, QKeySequence::SelectAll})
            if (key->matches(standard)) {
                event->accept();
                return true;
            }
    }
    return QFrame::event(event);
}

void SequenceView::keyPressEvent(QKeyEvent *event)
{
    handleKey(event);
}

void SequenceView::handleKey(QKeyEvent *event)
{
    models::SequenceDocument *doc = m_document;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    // The moving end of the selection.
    const qint64 head =
        doc->selectionStart() == m_anchor ? doc->selectionEnd() : doc->selectionStart();
    if (event->matches(QKeySequence::Copy))
        return copy();
    if (event->matches(QKeySequence::Cut))
        return cut();
    if (event->matches(QKeySequence::Paste))
        return paste();
    if (event->matches(QKeySequence::Undo))
        return doc->undoStack()->undo();
    if (event->matches(QKeySequence::Redo))
        return doc->undoStack()->redo();
    if (event->matches(QKeySequence::SelectAll))
        return selectAll();
    const qint64 page = qint64(m_perRow) * m_pageRows;
    // The head's row (after End it is at the end of a row, not at the start of the next) and
    // whether it stays at the ends of rows going up and down.
    const qint64 rowStart = caretRow(head) * m_perRow;
    const bool atRowEnd = m_caretAtRowEnd && head > 0 && head % m_perRow == 0;
    switch (event->key()) {
    case Qt::Key_Left:
        return moveCaret(!shift && doc->hasSelection() ? doc->selectionStart() : head - 1, shift);
    case Qt::Key_Right:
        return moveCaret(!shift && doc->hasSelection() ? doc->selectionEnd() : head + 1, shift);
    case Qt::Key_Up:
        return moveCaret(head - m_perRow, shift, atRowEnd);
    case Qt::Key_Down:
        return moveCaret(head + m_perRow, shift, atRowEnd);
    case Qt::Key_PageUp:
        return moveCaret(head - page, shift, atRowEnd);
    case Qt::Key_PageDown:
        return moveCaret(head + page, shift, atRowEnd);
    case Qt::Key_Home:
        return moveCaret(event->modifiers() & Qt::ControlModifier ? 0 : rowStart, shift);
    case Qt::Key_End:
        if (event->modifiers() & Qt::ControlModifier)
            return moveCaret(doc->length(), shift);
        return moveCaret(std::min(doc->length(), rowStart + m_perRow), shift, true);
    case Qt::Key_Backspace:
        if (doc->hasSelection())
            doc->removeBases(doc->selectionStart(), doc->selectionEnd());
        else if (doc->selectionStart() > 0)
            doc->removeBases(doc->selectionStart() - 1, doc->selectionStart());
        m_anchor = doc->selectionStart();
        return;
    case Qt::Key_Delete:
        if (doc->hasSelection())
            doc->removeBases(doc->selectionStart(), doc->selectionEnd());
        else
            doc->removeBases(doc->selectionStart(), doc->selectionStart() + 1);
        m_anchor = doc->selectionStart();
        return;
    default:
        break;
    }
    const QString text = event->text();
    if (!text.isEmpty() && text.at(0).isPrint() &&
        !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)))
        return insertText(text.toLatin1());
    event->ignore();
}

void SequenceView::handleMouse(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    switch (event->type()) {
    case QEvent::MouseButtonPress:
        m_editor->setFocus(Qt::MouseFocusReason);
        if (event->button() == Qt::LeftButton) {
            bool atRowEnd = false;
            const qint64 at = positionAt(point, &atRowEnd);
            moveCaret(at, event->modifiers() & Qt::ShiftModifier, atRowEnd);
        }
        break;
    case QEvent::MouseMove: {
        if (!(event->buttons() & Qt::LeftButton))
            break;
        m_dragPoint = point;
        // Past the top or bottom edge the rows scroll under the pointer.
        if (point.y() < 0 || point.y() >= viewport()->height())
            m_autoScroll.start();
        else
            m_autoScroll.stop();
        bool atRowEnd = false;
        const qint64 at = positionAt(point, &atRowEnd);
        moveCaret(at, true, atRowEnd);
        break;
    }
    case QEvent::MouseButtonRelease:
        m_autoScroll.stop();
        break;
    case QEvent::MouseButtonDblClick: {
        // Selects the (shortest) feature over the base under the pointer (positionAt() gives
        // the nearest boundary between bases, after the base on its right half).
        bool atRowEnd = false;
        qint64 at = positionAt(point, &atRowEnd);
        const long charWidth = m_editor->SendScintilla(Sci::SCI_TEXTWIDTH, Sci::STYLE_DEFAULT, "M");
        if (at > 0 &&
            (atRowEnd || (at % m_perRow != 0 && (at == m_document->length() ||
                                                 point.x() < pointOf(at).x() - charWidth / 2))))
            --at;
        const bio::Record &record = m_document->record();
        qsizetype best = -1;
        for (qsizetype index : m_document->featureIndex().overlapping(at, at + 1)) {
            const bio::Location &l = record.features[index].location;
            if (record.features[index].type != u"source" &&
                (best < 0 || l.end() - l.start() < record.features[best].location.end() -
                                                       record.features[best].location.start()))
                best = index;
        }
        if (best >= 0) {
            select(record.features[best].location.start(), record.features[best].location.end());
        }
        break;
    }
    default:
        break;
    }
    event->accept();
}

void SequenceView::autoScroll()
{
    const int step = m_dragPoint.y() < 0 ? -1 : 1;
    m_scroll->setValue(m_scroll->value() + step);
    const QPoint inside(m_dragPoint.x(), std::clamp(m_dragPoint.y(), 0, viewport()->height() - 1));
    bool atRowEnd = false;
    const qint64 at = positionAt(inside, &atRowEnd);
    moveCaret(at, true, atRowEnd);
}

void SequenceView::handleWheel(int rows)
{
    m_scroll->setValue(m_scroll->value() + rows);
}

void SequenceView::setContextActions(const QList<QAction *> &actions)
{
    m_contextActions.clear();
    for (QAction *action : actions)
        m_contextActions.append(action);
}

QMenu *SequenceView::createContextMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const bool selected = m_document->hasSelection();
    const bool nucleotide = !m_document->isProtein();
    menu->addAction(tr("Cu&t"), this, &SequenceView::cut)->setEnabled(selected);
    menu->addAction(tr("&Copy"), this, &SequenceView::copy)->setEnabled(selected);
    menu->addAction(tr("Copy &reverse complement"), this, &SequenceView::copyReverseComplement)
        ->setEnabled(selected && nucleotide);
    menu->addAction(tr("Copy &translation"), this, &SequenceView::copyTranslation)
        ->setEnabled(selected && nucleotide);
    menu->addAction(tr("&Paste"), this, &SequenceView::paste)
        ->setEnabled(
            models::sequenceFromMimeData(QApplication::clipboard()->mimeData()).has_value());
    menu->addSeparator();
    menu->addAction(tr("Select &all"), this, &SequenceView::selectAll);
    if (!m_contextActions.isEmpty()) {
        menu->addSeparator();
        for (QAction *action : std::as_const(m_contextActions))
            if (action)
                menu->addAction(action);
    }
    return menu;
}

void SequenceView::showContextMenu(QPoint globalPos)
{
    std::unique_ptr<QMenu> menu(createContextMenu(this));
    menu->exec(globalPos);
}

void SequenceView::selectAll()
{
    select(0, m_document->length());
}

void SequenceView::copy()
{
    const qint64 s = m_document->selectionStart();
    const qint64 e = m_document->selectionEnd();
    if (s == e)
        return;
    QApplication::clipboard()->setMimeData(
        models::sequenceMimeData(m_document->extract(s, e), m_document->selectedBases()).release());
}

void SequenceView::copyReverseComplement()
{
    const qint64 s = m_document->selectionStart();
    const qint64 e = m_document->selectionEnd();
    if (s == e || m_document->isProtein())
        return;
    models::SequenceDocument scratch;
    scratch.setRecord(m_document->extract(s, e));
    scratch.reverseComplementAll();
    QApplication::clipboard()->setMimeData(
        models::sequenceMimeData(scratch.record(), scratch.record().sequence).release());
}

void SequenceView::copyTranslation()
{
    if (!m_document->hasSelection() || m_document->isProtein())
        return;
    bio::TranslationOptions options;
    options.code = m_code;
    QApplication::clipboard()->setText(
        QString::fromLatin1(bio::translate(m_document->selectedBases(), options)));
}

void SequenceView::cut()
{
    if (!m_document->hasSelection())
        return;
    copy();
    m_document->removeBases(m_document->selectionStart(), m_document->selectionEnd());
    m_anchor = m_document->selectionStart();
}

void SequenceView::paste()
{
    const std::optional<bio::Record> part =
        models::sequenceFromMimeData(QApplication::clipboard()->mimeData());
    if (!part)
        return;
    const qint64 at = m_document->selectionStart();
    QList<bio::Feature> features = part->features;
    for (bio::Feature &feature : features)
        for (bio::Span &span : feature.location.spans) {
            span.start += at;
            span.end += at;
        }
    QString error;
    if (!m_document->replaceBases(at, m_document->selectionEnd(), part->sequence, &error, features))
        Q_EMIT message(tr("Nothing pasted: %1").arg(error));
    m_anchor = m_document->selectionEnd();
    ensureVisible(m_anchor);
}

} // namespace benchtop::widgets
