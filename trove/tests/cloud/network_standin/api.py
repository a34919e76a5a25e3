"""The stand-in's networking v2.0 API (plain WSGI over webob).

Behind keystonemiddleware (see wsgi.py) a request carries its caller's
project and roles; an admin sees and may act on everything, others see
their own records and shared networks (and those networks' subnets).
"""
import json

import webob
import webob.dec

from trove.tests.cloud.network_standin import resources
from trove.tests.cloud.network_standin import store as stores

# URL name: (collection in the store, singular key in bodies)
COLLECTIONS = {
    'networks': ('networks', 'network'),
    'subnets': ('subnets', 'subnet'),
    'ports': ('ports', 'port'),
    'security-groups': ('security_groups', 'security_group'),
    'security-group-rules': ('security_group_rules', 'security_group_rule'),
}
# Aliases Nova and the openstack CLI look for before using a feature.
EXTENSIONS = ('binding', 'security-group', 'port-security', 'quotas',
              'network-mtu', 'standard-attr-description', 'project-id',
              'external-net')
_PAGING = ('fields', 'limit', 'marker', 'sort_key', 'sort_dir',
           'page_reverse')


class Fault(Exception):
    def __init__(self, status, kind, message):
        super().__init__(message)
        self.status, self.kind, self.message = status, kind, message


class Caller(object):
    def __init__(self, request):
        self.project_id = request.headers.get('X-Project-Id', '')
        roles = request.headers.get('X-Roles', '')
        self.is_admin = 'admin' in [r.strip() for r in roles.split(',')]

    def owner(self, body):
        if self.is_admin:
            return body.get('project_id') or body.get('tenant_id') or \
                self.project_id
        return self.project_id


def _reply(status, body=None):
    response = webob.Response(status=status)
    if body is not None:
        response.content_type = 'application/json'
        response.text = json.dumps(body)
    return response


def _fault(status, kind, message):
    return _reply(status, {'NeutronError': {
        'type': kind, 'message': message, 'detail': ''}})


class NetworkAPI(object):

    def __init__(self, store_path):
        self.store = stores.Store(store_path)

    @webob.dec.wsgify
    def __call__(self, request):
        parts = [p for p in request.path_info.split('/') if p]
        if parts and parts[-1].endswith('.json'):
            parts[-1] = parts[-1][:-5]
        try:
            return self._route(request, Caller(request), parts)
        except Fault as fault:
            return _fault(fault.status, fault.kind, fault.message)
        except resources.BadRequest as error:
            return _fault(400, 'BadRequest', str(error))
        except resources.Conflict as error:
            return _fault(409, 'Conflict', str(error))

    def _route(self, request, caller, parts):
        if not parts:
            return _reply(200, {'versions': [{
                'id': 'v2.0', 'status': 'CURRENT',
                'links': [{'rel': 'self',
                           'href': request.host_url + '/v2.0/'}]}]})
        if parts[0] != 'v2.0':
            raise Fault(404, 'NotFound', 'no such path')
        parts = parts[1:]
        if not parts:
            return _reply(200, {'resources': [
                {'name': single, 'collection': name, 'links': []}
                for name, (_, single) in COLLECTIONS.items()]})
        if parts[0] == 'extensions':
            return _reply(200, {'extensions': [
                {'alias': alias, 'name': alias, 'description': alias,
                 'links': [], 'updated': '2013-01-01T00:00:00-00:00'}
                for alias in EXTENSIONS]})
        if parts[0] == 'quotas':
            # Unlimited: Nova counts ports against this before a build.
            return _reply(200, {'quota': {
                name: -1 for name in ('network', 'subnet', 'port',
                                      'security_group',
                                      'security_group_rule',
                                      'floatingip', 'router')}})
        if parts[0] == 'floatingips' and request.method == 'GET':
            return _reply(200, {'floatingips': []})
        if parts[0] not in COLLECTIONS or len(parts) > 2:
            raise Fault(404, 'NotFound', 'no such resource')
        collection, single = COLLECTIONS[parts[0]]
        handler = getattr(self, '_%s_%s' % (
            request.method.lower(), 'one' if len(parts) == 2 else 'all'),
            None)
        if handler is None:
            raise Fault(405, 'MethodNotAllowed', request.method)
        return handler(request, caller, collection, single, *parts[1:])

    # -- reading ---------------------------------------------------------

    def _visible(self, records, caller, collection, record):
        if caller.is_admin or record['project_id'] == caller.project_id:
            return True
        network_id = record['id'] if collection == 'networks' else \
            record.get('network_id') if collection == 'subnets' else None
        network = records['networks'].get(network_id or '')
        return bool(network and network['shared'])

    def _render(self, records, collection, record):
        if collection == 'security_groups':
            record = dict(record, security_group_rules=[
                rule for rule in records['security_group_rules'].values()
                if rule['security_group_id'] == record['id']])
        return record

    def _get_all(self, request, caller, collection, single):
        if collection == 'security_groups':
            self._default_groups(caller, request.GET.getall('project_id')
                                 or request.GET.getall('tenant_id'))
        records = self.store.read()
        found = [self._render(records, collection, record)
                 for record in records[collection].values()
                 if self._visible(records, caller, collection, record)
                 and _matches(record, request.GET)]
        fields = request.GET.getall('fields')
        if fields:
            found = [{k: v for k, v in r.items() if k in fields}
                     for r in found]
        return _reply(200, {collection: found})

    def _find(self, records, caller, collection, record_id):
        record = records[collection].get(record_id)
        if record is None or \
                not self._visible(records, caller, collection, record):
            raise Fault(404, '%sNotFound' % collection.title(),
                        '%s %s could not be found' % (collection, record_id))
        return record

    def _get_one(self, request, caller, collection, single, record_id):
        records = self.store.read()
        record = self._find(records, caller, collection, record_id)
        return _reply(200, {single: self._render(records, collection,
                                                 record)})

    # -- writing ---------------------------------------------------------

    def _post_all(self, request, caller, collection, single):
        body = _body(request, single)
        project_id = caller.owner(body)
        if collection == 'ports':
            self._default_groups(caller, [project_id])
        with self.store.change() as records:
            made = self._make(records, caller, collection, project_id, body)
            for record in made:
                records[_collection_of(record, collection)][
                    record['id']] = record
            return _reply(201, {single: self._render(records, collection,
                                                     made[0])})

    def _make(self, records, caller, collection, project_id, body):
        """The new record first, then whatever comes with it."""
        if collection == 'networks':
            return [resources.network(project_id, body)]
        if collection == 'subnets':
            network = self._find(records, caller, 'networks',
                                 body.get('network_id', ''))
            record = resources.subnet(project_id, body, network)
            network['subnets'].append(record['id'])
            return [record]
        if collection == 'ports':
            network = self._find(records, caller, 'networks',
                                 body.get('network_id', ''))
            addresses = resources.fixed_ips(records, network,
                                            body.get('fixed_ips'))
            return [resources.port(project_id, body, network, addresses,
                                   _default_group_ids(records, project_id))]
        if collection == 'security_groups':
            group = resources.security_group(project_id, body)
            return [group, resources.egress_rule(project_id, group)]
        group = self._find(records, caller, 'security_groups',
                           body.get('security_group_id', ''))
        return [resources.security_group_rule(project_id, body, group)]

    def _put_one(self, request, caller, collection, single, record_id):
        body = _body(request, single)
        with self.store.change() as records:
            record = self._find(records, caller, collection, record_id)
            if collection == 'ports':
                resources.update_port(record, body)
            else:
                for key in ('name', 'description', 'admin_state_up',
                            'shared', 'port_security_enabled'):
                    if key in body and key in record:
                        record[key] = body[key]
            return _reply(200, {single: self._render(records, collection,
                                                     record)})

    def _delete_one(self, request, caller, collection, single, record_id):
        with self.store.change() as records:
            record = self._find(records, caller, collection, record_id)
            _refuse_if_in_use(records, collection, record)
            del records[collection][record_id]
            if collection == 'subnets':
                network = records['networks'].get(record['network_id'])
                if network and record_id in network['subnets']:
                    network['subnets'].remove(record_id)
            for subnet_id in record.get('subnets', []) \
                    if collection == 'networks' else []:
                records['subnets'].pop(subnet_id, None)
            if collection == 'security_groups':
                for rule_id, rule in list(
                        records['security_group_rules'].items()):
                    if rule['security_group_id'] == record_id:
                        del records['security_group_rules'][rule_id]
        return _reply(204)

    def _default_groups(self, caller, projects):
        """Neutron gives each project a default group on first use."""
        projects = projects or [caller.project_id]
        if not caller.is_admin:
            projects = [caller.project_id]
        records = self.store.read()
        missing = [p for p in projects if p and
                   not _default_group_ids(records, p)]
        if not missing:
            return
        with self.store.change() as records:
            for project_id in missing:
                if _default_group_ids(records, project_id):
                    continue
                group = resources.security_group(
                    project_id, {'name': 'default',
                                 'description': 'Default security group'})
                records['security_groups'][group['id']] = group
                for rule in resources.default_group_rules(project_id, group):
                    records['security_group_rules'][rule['id']] = rule


def _collection_of(record, collection):
    if collection == 'security_groups' and 'security_group_id' in record:
        return 'security_group_rules'
    return collection


def _default_group_ids(records, project_id):
    return [g['id'] for g in records['security_groups'].values()
            if g['project_id'] == project_id and g['name'] == 'default']


def _refuse_if_in_use(records, collection, record):
    ports = records['ports'].values()
    if collection == 'networks':
        busy = [p for p in ports if p['network_id'] == record['id']]
    elif collection == 'subnets':
        busy = [p for p in ports
                if any(ip['subnet_id'] == record['id']
                       for ip in p['fixed_ips'])]
    elif collection == 'security_groups':
        busy = [p for p in ports if record['id'] in p['security_groups']]
    else:
        busy = []
    if busy:
        raise Fault(409, 'InUse', '%s %s is in use by port %s' % (
            collection, record['id'], busy[0]['id']))


def _body(request, single):
    try:
        body = json.loads(request.body or b'{}')
    except ValueError:
        raise resources.BadRequest('the body is not JSON')
    if not isinstance(body, dict) or not isinstance(body.get(single), dict):
        raise resources.BadRequest('the body needs a %r object' % single)
    return body[single]


def _matches(record, query):
    for key in set(query.keys()) - set(_PAGING):
        wanted = query.getall(key)
        if key == 'fixed_ips':
            if not all(_has_fixed_ip(record, item) for item in wanted):
                return False
            continue
        value = record.get('project_id' if key == 'tenant_id' else key)
        if isinstance(value, bool):
            value = 'true' if value else 'false'
            wanted = [w.lower() for w in wanted]
        if isinstance(value, list):
            if not set(map(str, value)) & set(wanted):
                return False
        elif str(value if value is not None else '') not in wanted:
            return False
    return True


def _has_fixed_ip(record, item):
    key, _, value = item.partition('=')
    return any(ip.get(key) == value for ip in record.get('fixed_ips', []))
