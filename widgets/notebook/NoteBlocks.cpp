#include "NoteBlocks.h"

#include "widgets/Qsci.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QTextEdit>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace benchtop::widgets::notebook {

namespace {
// Link anchors: "benchtop:<type>/<id>" for resources, the URL itself for hyperlinks.
QString linkHtml(const QJsonObject &link, const LinkNamer &namer)
{
    const QString type = link.value(u"type"_s).toString();
    if (type == u"link"_s) {
        const QString url = link.value(u"webURL"_s).toString();
        return u"<a href=\"%1\">%2</a>"_s.arg(url.toHtmlEscaped(), url.toHtmlEscaped());
    }
    const QString id = link.value(u"id"_s).toString();
    QString name = namer ? namer(link) : QString();
    if (name.isEmpty())
        name = id;
    return u"<a href=\"benchtop:%1/%2\">%3</a>"_s.arg(type, id, name.toHtmlEscaped());
}
} // namespace

// ---- NoteBlock --------------------------------------------------------------------------------

NoteBlock::NoteBlock(const QJsonObject &note, QWidget *parent)
    : QFrame(parent)
    , m_note(note)
    , m_links(note.value(u"links"_s).toArray())
{
    setObjectName(u"note-"_s + type());
}

NoteBlock *NoteBlock::create(const QJsonObject &note, int number, QWidget *parent)
{
    const QString type = note.value(u"type"_s).toString();
    if (type == u"text"_s || type == u"text_box"_s || type == u"list_bullet"_s ||
        type == u"list_number"_s || type == u"list_checkbox"_s)
        return new TextBlock(note, number, parent);
    if (type == u"table"_s)
        return new TableBlock(note, parent);
    if (type == u"code"_s)
        return new CodeBlock(note, parent);
    if (type == u"external_file"_s)
        return new FileBlock(note, parent);
    return new ReadOnlyBlock(note, parent);
}

void NoteBlock::finishLayout(QWidget *body)
{
    auto *layout = new QVBoxLayout(this);
    const int indent = 18 * m_note.value(u"indentation"_s).toInt();
    layout->setContentsMargins(indent, 2, 0, 2);
    layout->setSpacing(2);
    layout->addWidget(body);
    m_linksLabel = new QLabel(this);
    m_linksLabel->setObjectName(u"links"_s);
    m_linksLabel->setTextFormat(Qt::RichText);
    m_linksLabel->setTextInteractionFlags(Qt::LinksAccessibleByMouse |
                                          Qt::LinksAccessibleByKeyboard);
    m_linksLabel->setContentsMargins(24, 0, 0, 0);
    m_linksLabel->setWordWrap(true); // long names must not widen the page
    connect(m_linksLabel, &QLabel::linkActivated, this, [this](const QString &href) {
        if (href.startsWith(u"benchtop:"_s)) {
            const QString rest = href.mid(9);
            Q_EMIT linkActivated(rest.section(u'/', 0, 0), rest.section(u'/', 1));
        } else {
            Q_EMIT linkActivated(u"link"_s, href);
        }
    });
    layout->addWidget(m_linksLabel);
    updateLinks();
}

void NoteBlock::updateLinks()
{
    if (!m_linksLabel)
        return;
    QStringList parts;
    for (const QJsonValue &link : std::as_const(m_links))
        parts.append(linkHtml(link.toObject(), m_namer));
    m_linksLabel->setText(parts.isEmpty() ? QString() : QString(u"→ "_s + parts.join(u" · "_s)));
    m_linksLabel->setVisible(!parts.isEmpty());
}

void NoteBlock::setLinkNamer(const LinkNamer &namer)
{
    m_namer = namer;
    updateLinks();
}

void NoteBlock::addLink(const QJsonObject &link)
{
    m_links.append(link);
    updateLinks();
    Q_EMIT changed();
}

QJsonObject NoteBlock::toJson() const
{
    QJsonObject json = m_note;
    json.insert(u"links"_s, m_links);
    return json;
}

void NoteBlock::setEditable(bool editable)
{
    m_editable = editable;
}

bool NoteBlock::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn)
        Q_EMIT focused(this);
    if (event->type() == QEvent::Resize)
        refit();
    return QFrame::eventFilter(watched, event);
}

// ---- TextBlock --------------------------------------------------------------------------------

TextBlock::TextBlock(const QJsonObject &note, int number, QWidget *parent)
    : NoteBlock(note, parent)
    , m_edit(new QTextEdit)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    const QString t = type();
    if (t == u"list_checkbox"_s) {
        m_check = new QCheckBox;
        m_check->setChecked(note.value(u"checked"_s).toBool());
        connect(m_check, &QCheckBox::toggled, this, &NoteBlock::changed);
        layout->addWidget(m_check, 0, Qt::AlignTop);
    } else if (t == u"list_bullet"_s || t == u"list_number"_s) {
        m_marker = new QLabel(t == u"list_bullet"_s ? u"•"_s : u"%1."_s.arg(number));
        m_marker->setMinimumWidth(18);
        layout->addWidget(m_marker, 0, Qt::AlignTop);
    }
    m_edit->setAcceptRichText(false); // the API's text is plain
    m_edit->setPlainText(note.value(u"text"_s).toString());
    m_edit->setFrameShape(QFrame::NoFrame);
    m_edit->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_edit->setUndoRedoEnabled(true);
    m_edit->installEventFilter(this);
    if (t == u"text_box"_s)
        m_edit->setStyleSheet(u"QTextEdit { background: #fff8dc; }"_s);
    layout->addWidget(m_edit, 1);
    connect(m_edit, &QTextEdit::textChanged, this, [this] {
        fitHeight();
        Q_EMIT changed();
    });
    finishLayout(row);
    setEditable(false);
    fitHeight();
}

void TextBlock::fitHeight()
{
    m_edit->document()->setTextWidth(std::max(200, m_edit->viewport()->width()));
    m_edit->setFixedHeight(int(m_edit->document()->size().height()) + 6);
}

void TextBlock::setEditable(bool editable)
{
    NoteBlock::setEditable(editable);
    m_edit->setReadOnly(!editable);
    if (m_check)
        m_check->setEnabled(editable);
    fitHeight();
}

QJsonObject TextBlock::toJson() const
{
    QJsonObject json = NoteBlock::toJson();
    json.insert(u"text"_s, m_edit->toPlainText());
    if (m_check)
        json.insert(u"checked"_s, m_check->isChecked());
    return json;
}

// ---- TableBlock -------------------------------------------------------------------------------

TableBlock::TableBlock(const QJsonObject &note, QWidget *parent)
    : NoteBlock(note, parent)
    , m_name(new QLineEdit)
    , m_caption(new QLineEdit)
    , m_table(new QTableWidget)
    , m_tools(new QWidget)
{
    m_loading = true;
    const QJsonObject table = note.value(u"table"_s).toObject();
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 4, 0, 4);
    m_caption->setText(note.value(u"text"_s).toString());
    m_caption->setPlaceholderText(tr("Caption"));
    m_name->setText(table.value(u"name"_s).toString());
    m_name->setPlaceholderText(tr("Table name"));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_name);
    titleRow->addWidget(m_caption, 1);
    layout->addLayout(titleRow);

    const QJsonArray labels = table.value(u"columnLabels"_s).toArray();
    const QJsonArray rows = table.value(u"rows"_s).toArray();
    int columns = int(labels.size());
    for (const QJsonValue &row : rows)
        columns = std::max(columns, int(row.toObject().value(u"cells"_s).toArray().size()));
    m_table->setColumnCount(columns);
    m_table->setRowCount(int(rows.size()));
    QStringList headers;
    for (int c = 0; c < columns; ++c) {
        const QString label = labels.at(c).toString();
        headers.append(label.isEmpty() ? QString(QChar(u'A' + c % 26)) : label);
    }
    m_table->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonArray cells = rows[r].toObject().value(u"cells"_s).toArray();
        for (int c = 0; c < columns; ++c) {
            const QJsonObject cell = cells.at(c).toObject();
            auto *item = new QTableWidgetItem(cell.value(u"text"_s).toString());
            if (cell.contains(u"link"_s)) {
                item->setData(Qt::UserRole, cell.value(u"link"_s).toObject());
                item->setForeground(QColor(u"#1a5fb4"_s));
                QFont font = item->font();
                font.setUnderline(true);
                item->setFont(font);
                item->setToolTip(
                    tr("Linked: %1 — click to open")
                        .arg(cell.value(u"link"_s).toObject().value(u"id"_s).toString()));
            }
            m_table->setItem(r, c, item);
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(60);
    m_table->setMinimumWidth(0);
    m_table->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->installEventFilter(this);
    connect(m_table, &QTableWidget::cellClicked, this, [this](int r, int c) {
        const QTableWidgetItem *item = m_table->item(r, c);
        if (item && !m_editable && item->data(Qt::UserRole).isValid()) {
            const QJsonObject link = item->data(Qt::UserRole).toJsonObject();
            Q_EMIT linkActivated(link.value(u"type"_s).toString(), link.value(u"id"_s).toString());
        }
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    connect(m_name, &QLineEdit::textEdited, this, &NoteBlock::changed);
    connect(m_caption, &QLineEdit::textEdited, this, &NoteBlock::changed);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionDoubleClicked, this, [this](int c) {
        if (!m_editable)
            return;
        auto *editor = new QLineEdit(m_table->horizontalHeaderItem(c)->text(), m_table);
        editor->setGeometry(m_table->horizontalHeader()->sectionViewportPosition(c), 0,
                            m_table->horizontalHeader()->sectionSize(c),
                            m_table->horizontalHeader()->height());
        editor->show();
        editor->setFocus();
        connect(editor, &QLineEdit::editingFinished, this, [this, editor, c] {
            m_table->horizontalHeaderItem(c)->setText(editor->text());
            editor->deleteLater();
            Q_EMIT changed();
        });
    });
    layout->addWidget(m_table);

    auto *tools = new QHBoxLayout(m_tools);
    tools->setContentsMargins(0, 0, 0, 0);
    const auto tool = [this, tools](const QString &text, const QString &name, auto slot) {
        auto *button = new QToolButton;
        button->setText(text);
        button->setObjectName(name);
        connect(button, &QToolButton::clicked, this, slot);
        tools->addWidget(button);
    };
    tool(tr("+ Row"), u"addRow"_s, [this] { addRow(); });
    tool(tr("− Row"), u"removeRow"_s, [this] { removeRow(); });
    tool(tr("+ Column"), u"addColumn"_s, [this] { addColumn(); });
    tool(tr("− Column"), u"removeColumn"_s, [this] { removeColumn(); });
    tool(tr("Paste from spreadsheet"), u"paste"_s,
         [this] { pasteTsv(QApplication::clipboard()->text()); });
    tools->addStretch();
    layout->addWidget(m_tools);
    finishLayout(body);
    m_loading = false;
    setEditable(false);
    fitHeight();
}

void TableBlock::fitHeight()
{
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth() + 4;
    for (int r = 0; r < m_table->rowCount(); ++r)
        height += m_table->rowHeight(r);
    m_table->setFixedHeight(height);
}

void TableBlock::setEditable(bool editable)
{
    NoteBlock::setEditable(editable);
    m_table->setEditTriggers(editable ? QAbstractItemView::DoubleClicked |
                                            QAbstractItemView::EditKeyPressed |
                                            QAbstractItemView::AnyKeyPressed
                                      : QAbstractItemView::NoEditTriggers);
    m_name->setReadOnly(!editable);
    m_caption->setReadOnly(!editable);
    m_caption->setVisible(editable || !m_caption->text().isEmpty());
    m_name->setFrame(editable);
    m_caption->setFrame(editable);
    m_tools->setVisible(editable);
}

void TableBlock::addRow()
{
    const int row = m_table->currentRow() < 0 ? m_table->rowCount() : m_table->currentRow() + 1;
    m_table->insertRow(row);
    for (int c = 0; c < m_table->columnCount(); ++c)
        m_table->setItem(row, c, new QTableWidgetItem);
    fitHeight();
    Q_EMIT changed();
}

void TableBlock::removeRow()
{
    if (m_table->rowCount() == 0)
        return;
    m_table->removeRow(m_table->currentRow() < 0 ? m_table->rowCount() - 1 : m_table->currentRow());
    fitHeight();
    Q_EMIT changed();
}

void TableBlock::addColumn(const QString &label)
{
    const int column = m_table->columnCount();
    m_table->insertColumn(column);
    m_table->setHorizontalHeaderItem(
        column, new QTableWidgetItem(label.isEmpty() ? tr("Column %1").arg(column + 1) : label));
    for (int r = 0; r < m_table->rowCount(); ++r)
        m_table->setItem(r, column, new QTableWidgetItem);
    Q_EMIT changed();
}

void TableBlock::removeColumn()
{
    if (m_table->columnCount() <= 1)
        return;
    m_table->removeColumn(m_table->currentColumn() < 0 ? m_table->columnCount() - 1
                                                       : m_table->currentColumn());
    Q_EMIT changed();
}

void TableBlock::pasteTsv(const QString &text)
{
    QStringList lines = text.split(u'\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return;
    const int top = std::max(0, m_table->currentRow());
    const int left = std::max(0, m_table->currentColumn());
    m_loading = true;
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QStringList cells = line.split(u'\t');
        const int row = top + i;
        if (row >= m_table->rowCount()) {
            m_table->insertRow(row);
            for (int c = 0; c < m_table->columnCount(); ++c)
                m_table->setItem(row, c, new QTableWidgetItem);
        }
        while (left + cells.size() > m_table->columnCount()) {
            m_loading = false;
            addColumn();
            m_loading = true;
        }
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, left + c, new QTableWidgetItem(cells[c]));
    }
    m_loading = false;
    fitHeight();
    Q_EMIT changed();
}

bool TableBlock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress && m_editable) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Paste)) {
            const QString text = QApplication::clipboard()->text();
            if (text.contains(u'\t') || text.contains(u'\n')) {
                pasteTsv(text);
                return true;
            }
        }
    }
    return NoteBlock::eventFilter(watched, event);
}

QJsonObject TableBlock::toJson() const
{
    QJsonObject json = NoteBlock::toJson();
    json.insert(u"text"_s, m_caption->text());
    QJsonArray labels;
    for (int c = 0; c < m_table->columnCount(); ++c)
        labels.append(m_table->horizontalHeaderItem(c) ? m_table->horizontalHeaderItem(c)->text()
                                                       : QString());
    QJsonArray rows;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QJsonArray cells;
        for (int c = 0; c < m_table->columnCount(); ++c) {
            const QTableWidgetItem *item = m_table->item(r, c);
            QJsonObject cell{{u"text"_s, item ? item->text() : QString()}};
            if (item && item->data(Qt::UserRole).isValid())
                cell.insert(u"link"_s, item->data(Qt::UserRole).toJsonObject());
            cells.append(cell);
        }
        rows.append(QJsonObject{{u"cells"_s, cells}});
    }
    json.insert(
        u"table"_s,
        QJsonObject{{u"name"_s, m_name->text()}, {u"columnLabels"_s, labels}, {u"rows"_s, rows}});
    return json;
}

// ---- CodeBlock --------------------------------------------------------------------------------

CodeBlock::CodeBlock(const QJsonObject &note, QWidget *parent)
    : NoteBlock(note, parent)
    , m_edit(new QsciScintilla)
{
    auto *lexer = new QsciLexerPython(m_edit);
    QFont mono(u"monospace"_s);
    mono.setStyleHint(QFont::TypeWriter);
    mono.setPointSize(9);
    lexer->setDefaultFont(mono);
    for (int style = 0; style < 20; ++style)
        lexer->setFont(mono, style);
    m_edit->setLexer(lexer);
    m_edit->setText(note.value(u"text"_s).toString());
    m_edit->setMarginWidth(0, u"000"_s);
    m_edit->setMarginLineNumbers(0, true);
    m_edit->setPaper(QColor(u"#f6f8fa"_s));
    m_edit->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_edit->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_edit->installEventFilter(this);
    connect(m_edit, &QsciScintilla::textChanged, this, [this] {
        fitHeight();
        Q_EMIT changed();
    });
    finishLayout(m_edit);
    setEditable(false);
    fitHeight();
}

void CodeBlock::fitHeight()
{
    const int lines = std::max(1, m_edit->lines());
    m_edit->setFixedHeight(lines * m_edit->textHeight(0) + 12);
}

void CodeBlock::setEditable(bool editable)
{
    NoteBlock::setEditable(editable);
    m_edit->setReadOnly(!editable);
}

QJsonObject CodeBlock::toJson() const
{
    QJsonObject json = NoteBlock::toJson();
    json.insert(u"text"_s, m_edit->text());
    return json;
}

// ---- FileBlock --------------------------------------------------------------------------------

FileBlock::FileBlock(const QJsonObject &note, QWidget *parent)
    : NoteBlock(note, parent)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 2, 0, 2);
    const QString name = note.value(u"text"_s).toString().isEmpty()
                             ? externalFileId()
                             : note.value(u"text"_s).toString();
    auto *label = new QLabel(u"Attachment: <b>%1</b>"_s.arg(name.toHtmlEscaped()));
    label->setObjectName(u"fileName"_s);
    layout->addWidget(label);
    auto *open = new QToolButton;
    open->setText(tr("Open"));
    open->setObjectName(u"open"_s);
    auto *save = new QToolButton;
    save->setText(tr("Save as…"));
    save->setObjectName(u"save"_s);
    connect(open, &QToolButton::clicked, this,
            [this, name] { Q_EMIT fileRequested(externalFileId(), name, false); });
    connect(save, &QToolButton::clicked, this,
            [this, name] { Q_EMIT fileRequested(externalFileId(), name, true); });
    layout->addWidget(open);
    layout->addWidget(save);
    layout->addStretch();
    finishLayout(row);
}

QString FileBlock::externalFileId() const
{
    return m_note.value(u"externalFileId"_s).toString();
}

QJsonObject FileBlock::toJson() const
{
    return NoteBlock::toJson();
}

// ---- ReadOnlyBlock ----------------------------------------------------------------------------

ReadOnlyBlock::ReadOnlyBlock(const QJsonObject &note, QWidget *parent)
    : NoteBlock(note, parent)
{
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 4, 0, 4);
    QString kind = type();
    kind.replace(u'_', u' ');
    if (!kind.isEmpty())
        kind[0] = kind[0].toUpper();
    auto *title = new QLabel(
        tr("<b>%1</b> <i>(read-only: a Benchling structured table)</i>").arg(kind.toHtmlEscaped()));
    title->setObjectName(u"title"_s);
    layout->addWidget(title);
    if (!note.value(u"text"_s).toString().isEmpty())
        layout->addWidget(new QLabel(note.value(u"text"_s).toString()));
    const QJsonArray columns = note.value(u"columns"_s).toArray();
    if (!columns.isEmpty()) {
        auto *table = new QTableWidget(0, int(columns.size()));
        QStringList headers;
        for (const QJsonValue &column : columns)
            headers.append(column.toObject().value(u"displayName"_s).toString());
        table->setHorizontalHeaderLabels(headers);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        table->setFixedHeight(table->horizontalHeader()->sizeHint().height() + 6);
        layout->addWidget(table);
    }
    setStyleSheet(u"#note-%1 { background: #f3f3f3; border-radius: 4px; }"_s.arg(type()));
    finishLayout(body);
}

} // namespace benchtop::widgets::notebook
