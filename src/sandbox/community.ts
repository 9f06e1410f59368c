/** The scenario's people and rooms inside the mock puppet. Puppet ids are the scenario's ids. */
import { mock } from 'wechaty-puppet-mock'
import type { Scenario } from './scenario.ts'
import { roomIdOf } from './puppet.ts'
import { ScenarioError } from './scenario.ts'

export const SELF_ID = 'qunbot-self'

export class MockCommunity {
  readonly mocker = new mock.Mocker()
  private readonly names = new Map<string, string>()

  constructor (scenario: Scenario) {
    this.contact(SELF_ID, 'qunbot')
    for (const s of scenario.staff) this.names.set(s.id, s.name)
    for (const c of scenario.customers) this.names.set(c.id, c.name)
    if (this.names.has(SELF_ID)) throw new ScenarioError(`the id "${SELF_ID}" is reserved for the bot`)
    for (const [id, name] of this.names) this.contact(id, name)
    for (const g of scenario.groups) {
      for (const m of g.members) this.contact(m)
      this.mocker.createRoom({ id: roomIdOf(g.id), topic: g.topic, memberIdList: [SELF_ID, ...g.members], ownerId: SELF_ID } as never)
    }
  }

  get self () { return this.mocker.ContactMock.load(SELF_ID) }

  /** A contact by scenario id, created on first use (a stranger is named by their id). */
  contact (id: string, name?: string) {
    try {
      return this.mocker.ContactMock.load(id)
    } catch {
      return this.mocker.createContact({ id, name: name ?? this.names.get(id) ?? id } as never)
    }
  }

  nameOf (id: string): string {
    return this.names.get(id) ?? id
  }

  room (groupId: string) {
    return this.mocker.RoomMock.load(roomIdOf(groupId))
  }
}
