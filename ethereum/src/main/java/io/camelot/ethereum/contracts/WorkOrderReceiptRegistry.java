package io.camelot.ethereum.contracts;

import io.reactivex.Flowable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import javax.annotation.processing.Generated;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.BaseEventResponse;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple6;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * <p>Auto generated code.
 * <p><strong>Do not modify!</strong>
 * <p>Please use the <a href="https://docs.web3j.io/command_line.html">web3j command line tools</a>,
 * or the org.web3j.codegen.SolidityFunctionWrapperGenerator in the 
 * <a href="https://github.com/LFDT-web3j/web3j/tree/main/codegen">codegen module</a> to update.
 *
 * <p>Generated with web3j version 5.0.2.
 */
@SuppressWarnings("rawtypes")
@Generated("org.web3j.codegen.SolidityFunctionWrapperGenerator")
public class WorkOrderReceiptRegistry extends Contract {
    public static final String BINARY = "60a060405234801561000f575f5ffd5b506040516115de3803806115de83398101604081905261002e9161003f565b6001600160a01b031660805261006c565b5f6020828403121561004f575f5ffd5b81516001600160a01b0381168114610065575f5ffd5b9392505050565b6080516115456100995f395f818161011c0152818161024601528181610772015261084901526115455ff3fe608060405234801561000f575f5ffd5b50600436106100b1575f3560e01c80638659ef131161006e5780638659ef13146101565780638a287be9146101695780638d3f4a361461018e578063a4d53a4514610196578063f3b7df1d146101a9578063ff6ceecc146101ce575f5ffd5b80631d255d33146100b557806331b28664146100cf5780636a89b7e9146100d757806372eaae8d146100e257806378f0d3ab146100f557806380e2a4fa14610117575b5f5ffd5b6100bc5f81565b6040519081526020015b60405180910390f35b6100bc603281565b6100bc63ffffffff81565b6100bc6100f0366004610ea5565b6101d6565b610108610103366004610f61565b61053a565b6040516100c693929190610f98565b61013e7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100c6565b6100bc610164366004610fec565b610750565b61017c61017736600461105a565b6109f2565b6040516100c6969594939291906110c6565b6100bc60ff81565b6101086101a436600461111e565b610d68565b6101bc6101b736600461114d565b610d89565b6040516100c696959493929190611164565b6100bc600181565b5f89815260208190526040812080546001600160a01b03166102315760405162461bcd60e51b815260206004820152600f60248201526e1d5b9adb9bdddb881c9958d95a5c1d608a1b60448201526064015b60405180910390fd5b80546001600160a01b031633148061034957507f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663ec446c076040518163ffffffff1660e01b8152600401602060405180830381865afa1580156102a0573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906102c491906111b8565b6001600160a01b031663087c06b182600201546040518263ffffffff1660e01b81526004016102f591815260200190565b602060405180830381865afa158015610310573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061033491906111b8565b6001600160a01b0316336001600160a01b0316145b6103a15760405162461bcd60e51b815260206004820152602360248201527f6e6f7420746865207265636569707427732063726561746f72206f7220776f7260448201526235b2b960e91b6064820152608401610228565b806007016040518060a001604052808c81526020018b81526020018a8a8080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92019190915250505090825250604080516020601f8b0181900481028201810190925289815291810191908a908a90819084018382808284375f92019190915250505090825250604080516020601f8901819004810282018101909252878152918101919088908890819084018382808284375f9201829052509390945250508354600181810186559482526020918290208451600590920201908155908301519381019390935550604081015190919060028201906104a7908261127d565b50606082015160038201906104bc908261127d565b50608082015160048201906104d1908261127d565b50505060ff89116104e457600681018990555b888a8c7f70312f248b0e33c662992f1dbf63e1043c1550159ebc8b21825b4e4b17bf73038b8b8b8b8b8b5f6040516105229796959493929190611364565b60405180910390a4505f9a9950505050505050505050565b60408051603280825261066082019092525f91829160609183919060208201610640803683370190505090505f805b600154811015610691575f5f5f60018481548110610589576105896113b4565b905f5260205f20015481526020019081526020015f2090505f5f1b8c141580156105b757508b816001015414155b156105c25750610689565b8a158015906105d557508a816002015414155b156105e05750610689565b89158015906105f3575089816003015414155b156105fe5750610689565b60ff8914158015610613575088816006015414155b1561061e5750610689565b87871015801561062e5750603283105b1561067a5760018281548110610646576106466113b4565b905f5260205f20015484848061065b906113dc565b95508151811061066d5761066d6113b4565b6020026020010181815250505b86610684816113dc565b975050505b600101610569565b508461069d82886113f4565b106106a8575f6106b2565b6106b281876113f4565b93508067ffffffffffffffff8111156106cd576106cd6111da565b6040519080825280602002602001820160405280156106f6578160200160208202803683370190505b5092505f5b8181101561074257828181518110610715576107156113b4565b602002602001015184828151811061072f5761072f6113b4565b60209081029190910101526001016106fb565b505050955095509592505050565b60405163df98163d60e01b8152600481018890525f9033906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063df98163d90602401602060405180830381865afa1580156107b7573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906107db91906111b8565b6001600160a01b0316146108315760405162461bcd60e51b815260206004820152601e60248201527f6e6f742074686520776f726b206f726465722773207375626d697474657200006044820152606401610228565b604051632a418e1560e01b81526004810189905287907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690632a418e1590602401602060405180830381865afa158015610896573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906108ba919061140d565b146109075760405162461bcd60e51b815260206004820152601b60248201527f6e6f742074686520776f726b206f72646572277320776f726b657200000000006044820152606401610228565b5f88815260208190526040902080546001600160a01b03161561092d57600191506109a4565b80546001600160a01b031916331781556001810187905560028101889055600381018690556004810185905560058101610968848683611424565b50600681018590556001805480820182555f919091527fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6018990555b85878a7fbba20ec9f166a2e26b91c4811bc345e0647c49e1fe0cd6a22bad47ec43817bf58b898989896040516109de9594939291906114de565b60405180910390a450979650505050505050565b5f838152602081905260408120819060609081908190849060070181805b8254811015610a60578a1580610a4557508a838281548110610a3457610a346113b4565b905f5260205f2090600502015f0154145b15610a585783610a54816113dc565b9450505b600101610a10565b505f8311610aa15760405162461bcd60e51b815260206004820152600e60248201526d6e6f20737563682075706461746560901b6044820152606401610228565b5f63ffffffff8a14610ab35789610ab5565b835b905060018110158015610ac85750838111155b610b145760405162461bcd60e51b815260206004820152601960248201527f75706461746520696e646578206f7574206f662072616e6765000000000000006044820152606401610228565b5f5b8354811015610d57578b15801590610b4e57508b848281548110610b3c57610b3c6113b4565b905f5260205f2090600502015f015414155b610d4f5781610b5c846113dc565b93508303610d4f575f848281548110610b7757610b776113b4565b905f5260205f2090600502019050805f015481600101548260020183600301846004018a838054610ba7906111ee565b80601f0160208091040260200160405190810160405280929190818152602001828054610bd3906111ee565b8015610c1e5780601f10610bf557610100808354040283529160200191610c1e565b820191905f5260205f20905b815481529060010190602001808311610c0157829003601f168201915b50505050509350828054610c31906111ee565b80601f0160208091040260200160405190810160405280929190818152602001828054610c5d906111ee565b8015610ca85780601f10610c7f57610100808354040283529160200191610ca8565b820191905f5260205f20905b815481529060010190602001808311610c8b57829003601f168201915b50505050509250818054610cbb906111ee565b80601f0160208091040260200160405190810160405280929190818152602001828054610ce7906111ee565b8015610d325780601f10610d0957610100808354040283529160200191610d32565b820191905f5260205f20905b815481529060010190602001808311610d1557829003601f168201915b505050505091509a509a509a509a509a509a505050505050610d5c565b600101610b16565b505050505b93975093979195509350565b5f5f6060610d79878787875f61053a565b9250925092509450945094915050565b5f5f5f5f60605f5f5f5f8981526020019081526020015f2090508060010154816002015482600301548360040154846005018560060154818054610dcc906111ee565b80601f0160208091040260200160405190810160405280929190818152602001828054610df8906111ee565b8015610e435780601f10610e1a57610100808354040283529160200191610e43565b820191905f5260205f20905b815481529060010190602001808311610e2657829003601f168201915b505050505091509650965096509650965096505091939550919395565b5f5f83601f840112610e70575f5ffd5b50813567ffffffffffffffff811115610e87575f5ffd5b602083019150836020828501011115610e9e575f5ffd5b9250929050565b5f5f5f5f5f5f5f5f5f60c08a8c031215610ebd575f5ffd5b8935985060208a0135975060408a0135965060608a013567ffffffffffffffff811115610ee8575f5ffd5b610ef48c828d01610e60565b90975095505060808a013567ffffffffffffffff811115610f13575f5ffd5b610f1f8c828d01610e60565b90955093505060a08a013567ffffffffffffffff811115610f3e575f5ffd5b610f4a8c828d01610e60565b915080935050809150509295985092959850929598565b5f5f5f5f5f60a08688031215610f75575f5ffd5b505083359560208501359550604085013594606081013594506080013592509050565b5f60608201858352846020840152606060408401528084518083526080850191506020860192505f5b81811015610fdf578351835260209384019390920191600101610fc1565b5090979650505050505050565b5f5f5f5f5f5f5f60c0888a031215611002575f5ffd5b873596506020880135955060408801359450606088013593506080880135925060a088013567ffffffffffffffff81111561103b575f5ffd5b6110478a828b01610e60565b989b979a50959850939692959293505050565b5f5f5f6060848603121561106c575f5ffd5b505081359360208301359350604090920135919050565b5f81518084525f5b818110156110a75760208185018101518683018201520161108b565b505f602082860101526020601f19601f83011685010191505092915050565b86815285602082015260c060408201525f6110e460c0830187611083565b82810360608401526110f68187611083565b9050828103608084015261110a8186611083565b9150508260a0830152979650505050505050565b5f5f5f5f60808587031215611131575f5ffd5b5050823594602084013594506040840135936060013592509050565b5f6020828403121561115d575f5ffd5b5035919050565b86815285602082015284604082015283606082015260c060808201525f61118e60c0830185611083565b90508260a0830152979650505050505050565b6001600160a01b03811681146111b5575f5ffd5b50565b5f602082840312156111c8575f5ffd5b81516111d3816111a1565b9392505050565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061120257607f821691505b60208210810361122057634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115611278578282111561127857805f5260205f20601f840160051c602085101561125157505f5b90810190601f840160051c035f5b81811015611274575f8382015560010161125f565b5050505b505050565b815167ffffffffffffffff811115611297576112976111da565b6112ab816112a584546111ee565b84611226565b6020601f8211600181146112dd575f83156112c65750848201515b5f19600385901b1c1916600184901b178455611335565b5f84815260208120601f198516915b8281101561130c57878501518255602094850194600190920191016112ec565b508482101561132957868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b608081525f61137760808301898b61133c565b828103602084015261138a81888a61133c565b9050828103604084015261139f81868861133c565b91505082606083015298975050505050505050565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b5f600182016113ed576113ed6113c8565b5060010190565b80820180821115611407576114076113c8565b92915050565b5f6020828403121561141d575f5ffd5b5051919050565b67ffffffffffffffff83111561143c5761143c6111da565b6114508361144a83546111ee565b83611226565b5f601f841160018114611481575f851561146a5750838201355b5f19600387901b1c1916600186901b178355611335565b5f83815260208120601f198716915b828110156114b05786850135825560209485019460019092019101611490565b50868210156114cc575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b858152846020820152608060408201525f6114fd60808301858761133c565b9050826060830152969550505050505056fea2646970667358221220aa10357d9b1321025cbf3a567de71b45de8c4bc769705bf979fffffa11d9db0964736f6c63430008250033";

    private static String librariesLinkedBinary;

    public static final String FUNC_ERROR_EXISTS = "ERROR_EXISTS";

    public static final String FUNC_ERROR_NONE = "ERROR_NONE";

    public static final String FUNC_LAST_UPDATE = "LAST_UPDATE";

    public static final String FUNC_PAGE_SIZE = "PAGE_SIZE";

    public static final String FUNC_STATUS_ANY = "STATUS_ANY";

    public static final String FUNC_WORKORDERRECEIPTCREATE = "workOrderReceiptCreate";

    public static final String FUNC_WORKORDERRECEIPTLOOKUP = "workOrderReceiptLookUp";

    public static final String FUNC_WORKORDERRECEIPTLOOKUPNEXT = "workOrderReceiptLookUpNext";

    public static final String FUNC_WORKORDERRECEIPTRETRIEVE = "workOrderReceiptRetrieve";

    public static final String FUNC_WORKORDERRECEIPTUPDATE = "workOrderReceiptUpdate";

    public static final String FUNC_WORKORDERRECEIPTUPDATERETRIEVE = "workOrderReceiptUpdateRetrieve";

    public static final String FUNC_WORKORDERREGISTRY = "workOrderRegistry";

    public static final Event WORKORDERRECEIPTCREATED_EVENT = new Event("workOrderReceiptCreated", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>() {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicBytes>() {}, new TypeReference<Uint256>() {}));
    ;

    public static final Event WORKORDERRECEIPTUPDATED_EVENT = new Event("workOrderReceiptUpdated", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Uint256>(true) {}, new TypeReference<DynamicBytes>() {}, new TypeReference<DynamicBytes>() {}, new TypeReference<Utf8String>() {}, new TypeReference<Uint256>() {}));
    ;

    @Deprecated
    protected WorkOrderReceiptRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected WorkOrderReceiptRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected WorkOrderReceiptRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected WorkOrderReceiptRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static List<WorkOrderReceiptCreatedEventResponse> getWorkOrderReceiptCreatedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(WORKORDERRECEIPTCREATED_EVENT, transactionReceipt);
        ArrayList<WorkOrderReceiptCreatedEventResponse> responses = new ArrayList<WorkOrderReceiptCreatedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            WorkOrderReceiptCreatedEventResponse typedResponse = new WorkOrderReceiptCreatedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.workOrderId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.workerServiceId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.requesterId = (byte[]) eventValues.getIndexedValues().get(2).getValue();
            typedResponse.workerId = (byte[]) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.receiptStatus = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.workOrderRequestHash = (byte[]) eventValues.getNonIndexedValues().get(2).getValue();
            typedResponse.errorCode = (BigInteger) eventValues.getNonIndexedValues().get(3).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static WorkOrderReceiptCreatedEventResponse getWorkOrderReceiptCreatedEventFromLog(
            Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(WORKORDERRECEIPTCREATED_EVENT, log);
        WorkOrderReceiptCreatedEventResponse typedResponse = new WorkOrderReceiptCreatedEventResponse();
        typedResponse.log = log;
        typedResponse.workOrderId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.workerServiceId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.requesterId = (byte[]) eventValues.getIndexedValues().get(2).getValue();
        typedResponse.workerId = (byte[]) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.receiptStatus = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.workOrderRequestHash = (byte[]) eventValues.getNonIndexedValues().get(2).getValue();
        typedResponse.errorCode = (BigInteger) eventValues.getNonIndexedValues().get(3).getValue();
        return typedResponse;
    }

    public Flowable<WorkOrderReceiptCreatedEventResponse> workOrderReceiptCreatedEventFlowable(
            EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getWorkOrderReceiptCreatedEventFromLog(log));
    }

    public Flowable<WorkOrderReceiptCreatedEventResponse> workOrderReceiptCreatedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WORKORDERRECEIPTCREATED_EVENT));
        return workOrderReceiptCreatedEventFlowable(filter);
    }

    public static List<WorkOrderReceiptUpdatedEventResponse> getWorkOrderReceiptUpdatedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(WORKORDERRECEIPTUPDATED_EVENT, transactionReceipt);
        ArrayList<WorkOrderReceiptUpdatedEventResponse> responses = new ArrayList<WorkOrderReceiptUpdatedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            WorkOrderReceiptUpdatedEventResponse typedResponse = new WorkOrderReceiptUpdatedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.workOrderId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.updaterId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.updateType = (BigInteger) eventValues.getIndexedValues().get(2).getValue();
            typedResponse.updateData = (byte[]) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.updateSignature = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.signatureRules = (String) eventValues.getNonIndexedValues().get(2).getValue();
            typedResponse.errorCode = (BigInteger) eventValues.getNonIndexedValues().get(3).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static WorkOrderReceiptUpdatedEventResponse getWorkOrderReceiptUpdatedEventFromLog(
            Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(WORKORDERRECEIPTUPDATED_EVENT, log);
        WorkOrderReceiptUpdatedEventResponse typedResponse = new WorkOrderReceiptUpdatedEventResponse();
        typedResponse.log = log;
        typedResponse.workOrderId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.updaterId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.updateType = (BigInteger) eventValues.getIndexedValues().get(2).getValue();
        typedResponse.updateData = (byte[]) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.updateSignature = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.signatureRules = (String) eventValues.getNonIndexedValues().get(2).getValue();
        typedResponse.errorCode = (BigInteger) eventValues.getNonIndexedValues().get(3).getValue();
        return typedResponse;
    }

    public Flowable<WorkOrderReceiptUpdatedEventResponse> workOrderReceiptUpdatedEventFlowable(
            EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getWorkOrderReceiptUpdatedEventFromLog(log));
    }

    public Flowable<WorkOrderReceiptUpdatedEventResponse> workOrderReceiptUpdatedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WORKORDERRECEIPTUPDATED_EVENT));
        return workOrderReceiptUpdatedEventFlowable(filter);
    }

    public RemoteFunctionCall<BigInteger> ERROR_EXISTS() {
        final Function function = new Function(FUNC_ERROR_EXISTS, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> ERROR_NONE() {
        final Function function = new Function(FUNC_ERROR_NONE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> LAST_UPDATE() {
        final Function function = new Function(FUNC_LAST_UPDATE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> PAGE_SIZE() {
        final Function function = new Function(FUNC_PAGE_SIZE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> STATUS_ANY() {
        final Function function = new Function(FUNC_STATUS_ANY, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<TransactionReceipt> workOrderReceiptCreate(byte[] workOrderId,
            byte[] workerId, byte[] workerServiceId, byte[] requesterId,
            BigInteger receiptCreateStatus, byte[] workOrderRequestHash) {
        final Function function = new Function(
                FUNC_WORKORDERRECEIPTCREATE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workOrderId), 
                new org.web3j.abi.datatypes.generated.Bytes32(workerId), 
                new org.web3j.abi.datatypes.generated.Bytes32(workerServiceId), 
                new org.web3j.abi.datatypes.generated.Bytes32(requesterId), 
                new org.web3j.abi.datatypes.generated.Uint256(receiptCreateStatus), 
                new org.web3j.abi.datatypes.DynamicBytes(workOrderRequestHash)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>> workOrderReceiptLookUp(
            byte[] workerServiceId, byte[] workerId, byte[] requesterId, BigInteger receiptStatus) {
        final Function function = new Function(FUNC_WORKORDERRECEIPTLOOKUP, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workerServiceId), 
                new org.web3j.abi.datatypes.generated.Bytes32(workerId), 
                new org.web3j.abi.datatypes.generated.Bytes32(requesterId), 
                new org.web3j.abi.datatypes.generated.Uint256(receiptStatus)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicArray<Bytes32>>() {}));
        return new RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>>(function,
                new Callable<Tuple3<BigInteger, BigInteger, List<byte[]>>>() {
                    @Override
                    public Tuple3<BigInteger, BigInteger, List<byte[]>> call() throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple3<BigInteger, BigInteger, List<byte[]>>(
                                (BigInteger) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                convertToNative((List<Bytes32>) results.get(2).getValue()));
                    }
                });
    }

    public RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>> workOrderReceiptLookUpNext(
            byte[] workerServiceId, byte[] workerId, byte[] requesterId, BigInteger receiptStatus,
            BigInteger lastLookUpTag) {
        final Function function = new Function(FUNC_WORKORDERRECEIPTLOOKUPNEXT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workerServiceId), 
                new org.web3j.abi.datatypes.generated.Bytes32(workerId), 
                new org.web3j.abi.datatypes.generated.Bytes32(requesterId), 
                new org.web3j.abi.datatypes.generated.Uint256(receiptStatus), 
                new org.web3j.abi.datatypes.generated.Uint256(lastLookUpTag)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicArray<Bytes32>>() {}));
        return new RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>>(function,
                new Callable<Tuple3<BigInteger, BigInteger, List<byte[]>>>() {
                    @Override
                    public Tuple3<BigInteger, BigInteger, List<byte[]>> call() throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple3<BigInteger, BigInteger, List<byte[]>>(
                                (BigInteger) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                convertToNative((List<Bytes32>) results.get(2).getValue()));
                    }
                });
    }

    public RemoteFunctionCall<Tuple6<byte[], byte[], byte[], BigInteger, byte[], BigInteger>> workOrderReceiptRetrieve(
            byte[] workOrderId) {
        final Function function = new Function(FUNC_WORKORDERRECEIPTRETRIEVE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workOrderId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicBytes>() {}, new TypeReference<Uint256>() {}));
        return new RemoteFunctionCall<Tuple6<byte[], byte[], byte[], BigInteger, byte[], BigInteger>>(function,
                new Callable<Tuple6<byte[], byte[], byte[], BigInteger, byte[], BigInteger>>() {
                    @Override
                    public Tuple6<byte[], byte[], byte[], BigInteger, byte[], BigInteger> call()
                            throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple6<byte[], byte[], byte[], BigInteger, byte[], BigInteger>(
                                (byte[]) results.get(0).getValue(), 
                                (byte[]) results.get(1).getValue(), 
                                (byte[]) results.get(2).getValue(), 
                                (BigInteger) results.get(3).getValue(), 
                                (byte[]) results.get(4).getValue(), 
                                (BigInteger) results.get(5).getValue());
                    }
                });
    }

    public RemoteFunctionCall<TransactionReceipt> workOrderReceiptUpdate(byte[] workOrderId,
            byte[] updaterId, BigInteger updateType, byte[] updateData, byte[] updateSignature,
            String signatureRules) {
        final Function function = new Function(
                FUNC_WORKORDERRECEIPTUPDATE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workOrderId), 
                new org.web3j.abi.datatypes.generated.Bytes32(updaterId), 
                new org.web3j.abi.datatypes.generated.Uint256(updateType), 
                new org.web3j.abi.datatypes.DynamicBytes(updateData), 
                new org.web3j.abi.datatypes.DynamicBytes(updateSignature), 
                new org.web3j.abi.datatypes.Utf8String(signatureRules)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<Tuple6<byte[], BigInteger, byte[], byte[], String, BigInteger>> workOrderReceiptUpdateRetrieve(
            byte[] workOrderId, byte[] updaterId, BigInteger updateIndex) {
        final Function function = new Function(FUNC_WORKORDERRECEIPTUPDATERETRIEVE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(workOrderId), 
                new org.web3j.abi.datatypes.generated.Bytes32(updaterId), 
                new org.web3j.abi.datatypes.generated.Uint256(updateIndex)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>() {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicBytes>() {}, new TypeReference<DynamicBytes>() {}, new TypeReference<Utf8String>() {}, new TypeReference<Uint256>() {}));
        return new RemoteFunctionCall<Tuple6<byte[], BigInteger, byte[], byte[], String, BigInteger>>(function,
                new Callable<Tuple6<byte[], BigInteger, byte[], byte[], String, BigInteger>>() {
                    @Override
                    public Tuple6<byte[], BigInteger, byte[], byte[], String, BigInteger> call()
                            throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple6<byte[], BigInteger, byte[], byte[], String, BigInteger>(
                                (byte[]) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                (byte[]) results.get(2).getValue(), 
                                (byte[]) results.get(3).getValue(), 
                                (String) results.get(4).getValue(), 
                                (BigInteger) results.get(5).getValue());
                    }
                });
    }

    public RemoteFunctionCall<String> workOrderRegistry() {
        final Function function = new Function(FUNC_WORKORDERREGISTRY, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    @Deprecated
    public static WorkOrderReceiptRegistry load(String contractAddress, Web3j web3j,
            Credentials credentials, BigInteger gasPrice, BigInteger gasLimit) {
        return new WorkOrderReceiptRegistry(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static WorkOrderReceiptRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new WorkOrderReceiptRegistry(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static WorkOrderReceiptRegistry load(String contractAddress, Web3j web3j,
            Credentials credentials, ContractGasProvider contractGasProvider) {
        return new WorkOrderReceiptRegistry(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static WorkOrderReceiptRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new WorkOrderReceiptRegistry(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<WorkOrderReceiptRegistry> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider, String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(WorkOrderReceiptRegistry.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    public static RemoteCall<WorkOrderReceiptRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider,
            String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(WorkOrderReceiptRegistry.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<WorkOrderReceiptRegistry> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit, String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(WorkOrderReceiptRegistry.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<WorkOrderReceiptRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit,
            String registry) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, registry)));
        return deployRemoteCall(WorkOrderReceiptRegistry.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
    }

    public static void linkLibraries(List<Contract.LinkReference> references) {
        librariesLinkedBinary = linkBinaryWithReferences(BINARY, references);
    }

    private static String getDeploymentBinary() {
        if (librariesLinkedBinary != null) {
            return librariesLinkedBinary;
        } else {
            return BINARY;
        }
    }

    public static class WorkOrderReceiptCreatedEventResponse extends BaseEventResponse {
        public byte[] workOrderId;

        public byte[] workerServiceId;

        public byte[] requesterId;

        public byte[] workerId;

        public BigInteger receiptStatus;

        public byte[] workOrderRequestHash;

        public BigInteger errorCode;
    }

    public static class WorkOrderReceiptUpdatedEventResponse extends BaseEventResponse {
        public byte[] workOrderId;

        public byte[] updaterId;

        public BigInteger updateType;

        public byte[] updateData;

        public byte[] updateSignature;

        public String signatureRules;

        public BigInteger errorCode;
    }
}
