#include "SequenceCommands.h"

namespace benchtop::models {

BaseEditCommand::BaseEditCommand(SequenceDocument *document, qint64 position, QByteArray removed,
                                 QByteArray inserted, QList<bio::Feature> pasted,
                                 InsertInside policy)
    : m_document(document)
    , m_position(position)
    , m_removed(std::move(removed))
    , m_inserted(std::move(inserted))
    , m_pasted(std::move(pasted))
    , m_policy(policy)
    , m_selectionBefore{document->selectionStart(), document->selectionEnd()}
{
    if (m_removed.isEmpty())
        setText(QObject::tr("Insert %n base(s)", nullptr, int(m_inserted.size())));
    else if (m_inserted.isEmpty())
        setText(QObject::tr("Delete %n base(s)", nullptr, int(m_removed.size())));
    else
        setText(QObject::tr("Replace %n base(s)", nullptr, int(m_removed.size())));
}

void BaseEditCommand::redo()
{
    bio::Record &record = m_document->m_record;
    record.sequence.replace(m_position, m_removed.size(), m_inserted);
    const BaseEdit edit{m_position, m_removed.size(), m_inserted.size()};
    m_touched = applyBaseEdit(record.features, edit, m_policy);
    record.features.append(m_pasted);
    m_document->touched(true, m_position, m_removed.size(), m_inserted.size());
    const qint64 caret = m_position + m_inserted.size();
    m_document->setSelection(caret, caret);
}

void BaseEditCommand::undo()
{
    bio::Record &record = m_document->m_record;
    record.features.resize(record.features.size() - m_pasted.size());
    revertBaseEdit(record.features, {m_position, m_removed.size(), m_inserted.size()}, m_touched);
    record.sequence.replace(m_position, m_inserted.size(), m_removed);
    m_document->touched(true, m_position, m_inserted.size(), m_removed.size());
    m_document->setSelection(m_selectionBefore[0], m_selectionBefore[1]);
}

FeatureEditCommand::FeatureEditCommand(SequenceDocument *document, qsizetype index,
                                       std::optional<bio::Feature> before,
                                       std::optional<bio::Feature> after, const QString &text)
    : m_document(document)
    , m_index(index)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void FeatureEditCommand::apply(const std::optional<bio::Feature> &from,
                               const std::optional<bio::Feature> &to)
{
    QList<bio::Feature> &features = m_document->m_record.features;
    if (from && to)
        features[m_index] = *to;
    else if (to)
        features.insert(m_index, *to);
    else if (from)
        features.removeAt(m_index);
    m_document->touched(false);
}

void FeatureEditCommand::redo()
{
    apply(m_before, m_after);
}

void FeatureEditCommand::undo()
{
    apply(m_after, m_before);
}

RecordSwapCommand::RecordSwapCommand(SequenceDocument *document, bio::Record after,
                                     const QString &text)
    : m_document(document)
    , m_before(document->record())
    , m_after(std::move(after))
{
    setText(text);
}

void RecordSwapCommand::apply(const bio::Record &record)
{
    const bool basesChanged = record.sequence != m_document->m_record.sequence;
    const qint64 oldLength = m_document->length();
    m_document->m_record = record;
    if (basesChanged)
        m_document->touched(true, 0, oldLength, record.sequence.size());
    else
        m_document->touched(false);
}

void RecordSwapCommand::redo()
{
    apply(m_after);
}

void RecordSwapCommand::undo()
{
    apply(m_before);
}

} // namespace benchtop::models
