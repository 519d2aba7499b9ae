#include "InventoryMover.h"

#include "models/resources/Inventory.h"
#include "models/store/ResourceStore.h"

#include <QPointer>
#include <QUndoCommand>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {

class MoveUndoCommand : public QUndoCommand
{
public:
    MoveUndoCommand(InventoryMover *mover, QList<ContainerMove> moves, const QString &text)
        : QUndoCommand(text)
        , m_mover(mover)
        , m_moves(std::move(moves))
    {}

    void redo() override
    {
        if (std::exchange(m_skip, false))
            return;
        ContainerMoveCommand *command = m_mover->run(m_moves, text());
        QObject::connect(command, &StoreCommand::landed, m_mover, [this, command] {
            std::unique_ptr<StoreCommand> reverse(command->undoCommand());
            m_reverse = static_cast<ContainerMoveCommand *>(reverse.get())->moves();
        });
        QObject::connect(command, &StoreCommand::rolledBack, m_mover, [this] {
            // Refused: the stack steps back over this command without sending anything.
            QUndoStack *stack = m_mover->undoStack();
            if (stack->index() > 0 && stack->command(stack->index() - 1) == this) {
                m_skip = true;
                stack->undo();
            }
        });
        command->start();
        // Refused before anything was sent (push() has not added us yet): drop the command.
        if (command->state() == StoreCommand::State::RolledBack)
            setObsolete(true);
    }

    void undo() override
    {
        if (std::exchange(m_skip, false) || m_reverse.isEmpty())
            return;
        ContainerMoveCommand *command = m_mover->run(m_reverse, QObject::tr("Undo %1").arg(text()));
        QObject::connect(command, &StoreCommand::rolledBack, m_mover, [this] {
            QUndoStack *stack = m_mover->undoStack();
            if (stack->index() < stack->count() && stack->command(stack->index()) == this) {
                m_skip = true;
                stack->redo();
            }
        });
        command->start();
    }

private:
    InventoryMover *m_mover;
    QList<ContainerMove> m_moves;
    QList<ContainerMove> m_reverse; // empty until the move has landed
    bool m_skip = false;            // the next undo()/redo() only realigns the stack
};

} // namespace

InventoryMover::InventoryMover(ApiClient *client, ResourceStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_stack(new QUndoStack(this))
{}

InventoryMover::~InventoryMover()
{
    // The stack's commands hold connections to this object: they go first.
    m_stack->clear();
}

void InventoryMover::move(const QList<ContainerMove> &moves)
{
    if (moves.isEmpty())
        return;
    const ContainerMoveCommand probe(m_client, m_store, moves);
    m_stack->push(new MoveUndoCommand(this, moves, probe.text()));
}

ContainerMoveCommand *InventoryMover::run(const QList<ContainerMove> &moves, const QString &what)
{
    auto *command = new ContainerMoveCommand(m_client, m_store, moves, this);
    ++m_running;
    connect(command, &StoreCommand::finished, this, [this, command, what] {
        --m_running;
        command->deleteLater();
        if (command->state() == StoreCommand::State::Landed) {
            Q_EMIT finished(true, tr("%1: done.").arg(what));
        } else {
            Q_EMIT finished(false, tr("%1 failed: %2 Nothing moved.").arg(what, command->reason()));
        }
    });
    Q_EMIT started(command, what);
    return command;
}

} // namespace benchtop::models
