// One widget per note part of an entry's day (the spec's EntryNotePart), each able to show the
// part and give it back as JSON (toJson()), editable or read-only:
//   text, text_box, list_bullet, list_number, list_checkbox → TextBlock (plain text with undo)
//   table                                                   → TableBlock (column labels, cells
//                                                             with links, rows/columns, TSV paste)
//   code                                                    → CodeBlock (QScintilla, highlighted)
//   external_file                                           → FileBlock (open / save)
//   anything else (results, registration, inventory tables) → ReadOnlyBlock (kept unchanged)
// Links ({type, id} or {type:"link", webURL}) show under the text; a click on a resource link
// emits linkActivated(type, id).
#pragma once

#include <QFrame>
#include <QJsonArray>
#include <QJsonObject>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTextEdit;
class QsciScintilla;

namespace benchtop::widgets::notebook {

// What a link shows: a name when one is known (set by the editor as names arrive), else the id.
using LinkNamer = std::function<QString(const QJsonObject &link)>;

class NoteBlock : public QFrame
{
    Q_OBJECT
public:
    explicit NoteBlock(const QJsonObject &note, QWidget *parent = nullptr);
    QString type() const { return m_note.value(QStringLiteral("type")).toString(); }
    virtual QJsonObject toJson() const;
    virtual void setEditable(bool editable);
    bool isEditable() const { return m_editable; }
    QJsonArray links() const { return m_links; }
    void addLink(const QJsonObject &link);
    void setLinkNamer(const LinkNamer &namer);
    // Widgets tests and the editor reach into.
    QLabel *linksLabel() const { return m_linksLabel; }

    // `number`: the item's number in a run of list_number parts.
    static NoteBlock *create(const QJsonObject &note, int number = 1, QWidget *parent = nullptr);

Q_SIGNALS:
    void changed();
    void linkActivated(const QString &type, const QString &id);
    void fileRequested(const QString &externalFileId, const QString &name, bool save);
    void focused(benchtop::widgets::notebook::NoteBlock *block);

protected:
    // Fits the block's height to its content (after a resize rewraps it).
    virtual void refit() {}
    void finishLayout(QWidget *body);
    bool eventFilter(QObject *watched, QEvent *event) override;
    void updateLinks();

    QJsonObject m_note;
    QJsonArray m_links;
    QLabel *m_linksLabel = nullptr;
    LinkNamer m_namer;
    bool m_editable = false;
};

class TextBlock : public NoteBlock
{
    Q_OBJECT
public:
    TextBlock(const QJsonObject &note, int number, QWidget *parent = nullptr);
    QJsonObject toJson() const override;
    void setEditable(bool editable) override;
    QTextEdit *editor() const { return m_edit; }
    QCheckBox *checkBox() const { return m_check; }
    QLabel *marker() const { return m_marker; }

protected:
    void refit() override { fitHeight(); }

private:
    void fitHeight();
    QTextEdit *m_edit;
    QCheckBox *m_check = nullptr;
    QLabel *m_marker = nullptr;
};

class TableBlock : public NoteBlock
{
    Q_OBJECT
public:
    explicit TableBlock(const QJsonObject &note, QWidget *parent = nullptr);
    QJsonObject toJson() const override;
    void setEditable(bool editable) override;
    QTableWidget *table() const { return m_table; }
    void addRow();
    void removeRow();
    void addColumn(const QString &label = {});
    void removeColumn();
    // Tab-separated rows (a spreadsheet's clipboard) from the current cell on, growing the table.
    void pasteTsv(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitHeight();
    QLineEdit *m_name;
    QLineEdit *m_caption;
    QTableWidget *m_table;
    QWidget *m_tools;
    bool m_loading = false;
};

class CodeBlock : public NoteBlock
{
    Q_OBJECT
public:
    explicit CodeBlock(const QJsonObject &note, QWidget *parent = nullptr);
    QJsonObject toJson() const override;
    void setEditable(bool editable) override;
    QsciScintilla *editor() const { return m_edit; }

private:
    void fitHeight();
    QsciScintilla *m_edit;
};

class FileBlock : public NoteBlock
{
    Q_OBJECT
public:
    explicit FileBlock(const QJsonObject &note, QWidget *parent = nullptr);
    QJsonObject toJson() const override;
    QString externalFileId() const;
};

class ReadOnlyBlock : public NoteBlock
{
    Q_OBJECT
public:
    explicit ReadOnlyBlock(const QJsonObject &note, QWidget *parent = nullptr);
    void setEditable(bool) override {}
};

} // namespace benchtop::widgets::notebook
